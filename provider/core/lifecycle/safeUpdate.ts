import { apiOrigin } from "../settings/accountIdentity";
import type { Comm100Account, ResourceRun } from "./session";
import { maskedUrl } from "../url/maskedUrl";
import {
  sameFields,
  sameId,
  writeKey,
  type Webhook,
  type WebhookFields,
} from "../webhook/webhookFields";

/**
 * Updates webhook `id` to `fields` unless another webhook of the account already has them (the
 * two would deliver every event twice): that is refused before any change, naming the other one.
 * Returns `undefined` when webhook `id` no longer exists.
 */
export async function updateWithoutDuplicates(
  account: Comm100Account,
  run: ResourceRun,
  id: string,
  fields: WebhookFields,
): Promise<Webhook | undefined> {
  const key = writeKey(apiOrigin(account.connection), fields);
  return run.locks.run(key, account.writer, async (stale) => {
    const webhooks = await account.directory.all({ fresh: stale });
    const twin = webhooks.find((webhook) => !sameId(webhook.id, id) && sameFields(webhook, fields));
    if (twin) throw wouldDuplicate(id, fields, twin);
    const updated = await account.client.update(id, fields);
    return updated && run.keep(account, updated);
  });
}

function wouldDuplicate(id: string, fields: WebhookFields, twin: Webhook): Error {
  return new Error(
    `Webhook ${id} cannot become event "${fields.event}" to ${maskedUrl(fields.targetUrl)}: webhook ` +
      `${twin.id} already has exactly these values, and Comm100 would deliver every event twice. ` +
      "Nothing was changed. Give this resource another event or targetUrl, or remove one of the " +
      `two. If ${twin.id} is itself changing in this run (two webhooks swapping values), run ` +
      "`pulumi up` again once that change is made.",
  );
}
