import { apiOrigin } from "../settings/accountIdentity";
import { Comm100ApiError } from "../api/comm100ApiError";
import type { Comm100Account, ResourceRun } from "./session";
import {
  idKey,
  sameFields,
  writeKey,
  type Webhook,
  type WebhookFields,
} from "../webhook/webhookFields";
import { maskedUrl } from "../url/maskedUrl";
import { describeResource, type ResourceName } from "./resourceName";

/** How often and how patiently an unconfirmed create is tried again, and what it may adopt. */
export interface CreateOptions {
  attempts: number;
  /** The pause before the `attempt`-th look for an unconfirmed create (grows with `attempt`). */
  delayMs: (attempt: number) => number;
  /**
   * How long after an unconfirmed POST was sent the account is still looked at for it before
   * the POST is sent again: a server may commit a request well after the client gave up.
   */
  settleMs: number;
  /** Adopt an identical webhook that already exists instead of refusing (a recovery run). */
  adoptExisting: boolean;
  now?: () => number;
}

/**
 * Creates a webhook so that neither a duplicate nor an orphan can result:
 * - writes of the same event and target on one API host run one at a time, in every provider
 *   process of the run, so two resources (even through two providers with two credential sets
 *   for one site) cannot both create it;
 * - an identical webhook that a resource of this run holds is declared twice; one that exists
 *   unmanaged is reported with how to keep it, or adopted with `adoptExisting`;
 * - when the POST's outcome is unknown (timeout, reset, 5xx, lost response), the account is
 *   listed again, and again until `settleMs` after the POST was sent: a new identical webhook
 *   that was not there before is this create's own and is kept (extra copies are deleted); none
 *   by then means the POST did not apply, and it is sent again.
 * A webhook that existed before this create is never taken as its own.
 */
export async function createWithoutDuplicates(
  account: Comm100Account,
  run: ResourceRun,
  fields: WebhookFields,
  options: CreateOptions,
): Promise<{ webhook: Webhook; adopted: boolean }> {
  const key = writeKey(apiOrigin(account.connection), fields);
  return run.locks.run(key, account.writer, async (stale) => {
    const before = await account.directory.all({ fresh: stale });
    const existing = before.find((webhook) => sameFields(webhook, fields));
    const holder = existing && run.ownership.holderOf(existing.id);
    if (existing && holder !== undefined) throw declaredTwice(fields, existing, holder);
    if (existing && options.adoptExisting) {
      return { webhook: run.keep(account, existing), adopted: true };
    }
    if (existing) throw alreadyExists(existing);
    const existedBefore = new Set(before.map((webhook) => idKey(webhook.id)));
    const isOurs = (webhook: Webhook) =>
      sameFields(webhook, fields) &&
      !existedBefore.has(idKey(webhook.id)) &&
      !run.ownership.holds(webhook.id);
    const webhook = await postUntilConfirmed(account, run, fields, options, isOurs);
    return { webhook, adopted: false };
  });
}

async function postUntilConfirmed(
  account: Comm100Account,
  run: ResourceRun,
  fields: WebhookFields,
  options: CreateOptions,
  isOurs: (webhook: Webhook) => boolean,
): Promise<Webhook> {
  const now = options.now ?? Date.now;
  for (let attempt = 1; ; attempt++) {
    const sentAt = now();
    try {
      return run.keep(account, await account.client.create(fields));
    } catch (error) {
      if (!(error instanceof Comm100ApiError) || !error.outcomeUnknown) throw error;
      const ours = await lookForCommit(account, isOurs, sentAt + options.settleMs, options);
      if (ours) return run.keep(account, ours);
      if (attempt >= options.attempts) {
        throw new Comm100ApiError(
          `${error.message} (tried ${attempt} times; after each try the account was listed until ` +
            `${Math.round(options.settleMs / 1000)} s after it, and no webhook was created)`,
          { operation: error.operation, status: error.status, comm100Code: error.comm100Code },
        );
      }
    }
  }
}

/**
 * Lists the account until an identical new webhook shows up or `deadline` passes (the last list
 * is made at or after it); keeps the first one found and deletes any extra copies.
 */
async function lookForCommit(
  account: Comm100Account,
  isOurs: (webhook: Webhook) => boolean,
  deadline: number,
  options: CreateOptions,
): Promise<Webhook | undefined> {
  const now = options.now ?? Date.now;
  for (let look = 1; ; look++) {
    const [kept, ...extra] = (await account.client.list()).filter(isOurs);
    if (kept) {
      for (const copy of extra) await account.client.delete(copy.id);
      return kept;
    }
    const remaining = deadline - now();
    if (remaining <= 0) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.delayMs(look), remaining)));
  }
}

function declaredTwice(fields: WebhookFields, existing: Webhook, holder: ResourceName): Error {
  return new Error(
    `Two resources declare the same webhook (event "${fields.event}", targetUrl ` +
      `${maskedUrl(fields.targetUrl)}; ${describeResource(holder)} of this stack holds it as id ` +
      `${existing.id}): Comm100 would deliver every event twice. Declare it once. Nothing was ` +
      "changed for this resource.",
  );
}

/** The refusal to double an existing webhook, with the fixes that keep it and lose nothing. */
function alreadyExists(webhook: Webhook): Error {
  return new Error(
    `A webhook for event "${webhook.event}" to ${maskedUrl(webhook.targetUrl)} already exists in Comm100 ` +
      `(id ${webhook.id}) and this resource does not manage it; creating another would deliver ` +
      "every event twice. Nothing was changed. " +
      "If a resource of this stack manages it under another name (you renamed it, or moved it " +
      "into or out of a Comm100WebhookSubscription), tell Pulumi the old name: add its URN " +
      "(`pulumi stack --show-urns` lists them) to this resource's `aliases` option (for a " +
      `subscription, \`webhookAliases: { ${webhook.event}: ["<old urn>"] }\`), then run again. ` +
      `If no resource manages it, adopt it with \`adoptId: "${webhook.id}"\` (for a subscription, ` +
      `\`adoptIds: { ${webhook.event}: "${webhook.id}" }\`), or delete it in Comm100; a resource ` +
      "removed in the same run never deletes a webhook another resource adopted. If an " +
      "interrupted `pulumi up` left it, run `COMM100_ADOPT_EXISTING=true pulumi up` once to adopt " +
      "every such webhook. A replacement (`pulumi up --replace`) that makes its successor first " +
      "meets its own webhook here: give the resource the option `deleteBeforeReplace: true` " +
      "(Comm100Webhook has it unless told otherwise).",
  );
}
