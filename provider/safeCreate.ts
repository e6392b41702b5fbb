import type { Comm100Client, Webhook, WebhookFields } from "./client";
import { Comm100ApiError } from "./errors";
import { idKey, normalizedUrl, sameTargetUrl } from "./validation";
import type { WebhookDirectory } from "./webhookDirectory";

/** What a create needs: the account's client and directory, shared by the whole process. */
export interface CreateContext {
  client: Comm100Client;
  directory: WebhookDirectory;
  /** Ids created by this process, never adopted twice (lower case). */
  claimed: Set<string>;
  /** Webhooks being created right now, as `event` + target URL keys. */
  creating: Set<string>;
}

/** How often and how patiently an unconfirmed create is tried again, and what it may adopt. */
export interface CreateOptions {
  attempts: number;
  delayMs: (attempt: number) => number;
  /** Adopt an identical webhook that already exists instead of refusing (a recovery run). */
  adoptExisting: boolean;
}

/**
 * Creates a webhook so that neither a duplicate nor an orphan can result:
 * - an identical webhook (same event and target) that exists already is reported, with how to
 *   adopt it, instead of being doubled (every event would be delivered twice); with
 *   `adoptExisting` it is adopted (unless this process already claimed it);
 * - when the POST's outcome is unknown (timeout, reset, 5xx, lost response), the account is
 *   listed again: a new identical webhook that was not there before is this create's own and is
 *   kept (any extra copies are deleted); none means the POST did not apply and it is sent again.
 * A webhook that existed before this create is never adopted.
 */
export async function createWithoutDuplicates(
  context: CreateContext,
  fields: WebhookFields,
  options: CreateOptions,
): Promise<Webhook> {
  const { client, directory, claimed, creating } = context;
  const identity = `${fields.event}\n${normalizedUrl(fields.targetUrl)}`;
  if (creating.has(identity)) throw declaredTwice(fields);
  creating.add(identity);
  try {
    const before = await directory.all();
    const existing = before.find((webhook) => isIdentical(webhook, fields));
    if (existing && claimed.has(idKey(existing.id))) throw declaredTwice(fields);
    if (existing && options.adoptExisting) return keep(context, existing);
    if (existing) throw alreadyExists(existing);
    const existedBefore = new Set(before.map((webhook) => idKey(webhook.id)));

    for (let attempt = 1; ; attempt++) {
      try {
        return keep(context, await client.create(fields));
      } catch (error) {
        if (!(error instanceof Comm100ApiError) || !error.outcomeUnknown) throw error;
        const ours = (await client.list()).filter(
          (webhook) =>
            isIdentical(webhook, fields) &&
            !existedBefore.has(idKey(webhook.id)) &&
            !claimed.has(idKey(webhook.id)),
        );
        if (ours.length > 0) {
          const [kept, ...extra] = ours;
          for (const copy of extra) await client.delete(copy.id);
          return keep(context, kept);
        }
        if (attempt >= options.attempts) {
          throw new Comm100ApiError(
            `${error.message} (tried ${attempt} times; the account was listed after each try and no webhook was created)`,
            error.operation,
            error.status,
            error.comm100Code,
            false,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, options.delayMs(attempt)));
      }
    }
  } finally {
    creating.delete(identity);
  }
}

function keep(context: CreateContext, webhook: Webhook): Webhook {
  context.claimed.add(idKey(webhook.id));
  context.directory.remember(webhook);
  return webhook;
}

function isIdentical(webhook: Webhook, fields: WebhookFields): boolean {
  return webhook.event === fields.event && sameTargetUrl(webhook.targetUrl, fields.targetUrl);
}

function declaredTwice(fields: WebhookFields): Error {
  return new Error(
    `Two resources declare the same webhook (event "${fields.event}", targetUrl ${fields.targetUrl}): ` +
      "Comm100 would deliver every event twice. Declare it once.",
  );
}

function alreadyExists(webhook: Webhook): Error {
  return new Error(
    `A webhook for event "${webhook.event}" to ${webhook.targetUrl} already exists in Comm100 ` +
      `(id ${webhook.id}) and is not managed by this resource; creating another would deliver ` +
      `every event twice. Adopt it by adding \`adoptId: "${webhook.id}"\` to this resource's ` +
      "arguments, or delete it, then run again. If an interrupted `pulumi up` left it, run " +
      "`COMM100_ADOPT_EXISTING=true pulumi up` once to adopt every such webhook.",
  );
}
