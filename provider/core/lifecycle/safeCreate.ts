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
import type { ResourceName } from "./resourceName";

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

/** The errors a create refuses with, phrased in the terms of the door that asked for it. */
export interface CreateRefusals {
  /** Another resource of the run (`holder`) already holds the identical `existing` webhook. */
  declaredTwice(existing: Webhook, holder: ResourceName): Error;
  /** The account has the identical `existing` webhook and no resource of the run holds it. */
  alreadyExists(existing: Webhook): Error;
}

/**
 * Creates a webhook so that neither a duplicate nor an orphan can result:
 * - writes of the same event and target on one API host run one at a time, in every provider
 *   process of the run, so two resources (even through two providers with two credential sets
 *   for one site) cannot both create it;
 * - an identical webhook that a resource of this run holds is declared twice; one that exists
 *   unmanaged is refused (`refusals` say how to keep it), or adopted with `adoptExisting`;
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
  refusals: CreateRefusals,
): Promise<{ webhook: Webhook; adopted: boolean }> {
  const key = writeKey(apiOrigin(account.connection), fields);
  return run.locks.run(key, account.writer, async (stale) => {
    const before = await account.directory.all({ fresh: stale });
    const existing = before.find((webhook) => sameFields(webhook, fields));
    const holder = existing && run.ownership.holderOf(existing.id);
    if (existing && holder !== undefined) throw refusals.declaredTwice(existing, holder);
    if (existing && options.adoptExisting) {
      return { webhook: run.keep(account, existing), adopted: true };
    }
    if (existing) throw refusals.alreadyExists(existing);
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
