import * as pulumi from "@pulumi/pulumi";
import { findWebhook, findWebhooks, type WebhookFilters } from "../core/lifecycle/lookups";
import { Session } from "../core/lifecycle/session";
import type { ConnectionArgs } from "../core/settings/connection";
import type { Webhook } from "../core/webhook/webhookFields";

/** Filters of {@link getWebhooks}; a webhook must match every filter given. */
export type GetWebhooksArgs = WebhookFilters;

/** The options of {@link getWebhook}. */
export interface GetWebhookArgs {
  /** Connection settings; default: stack config `comm100:*`, else `COMM100_*` variables. */
  connection?: ConnectionArgs;
}

/**
 * The webhooks of the account (one API call, also during preview), optionally filtered.
 *
 * ```ts
 * const starts = await getWebhooks({ event: "chatStarts" });
 * ```
 */
export function getWebhooks(args: GetWebhooksArgs = {}): Promise<Webhook[]> {
  return findWebhooks(programSession(), args);
}

/** {@link getWebhooks} for arguments that are Outputs. */
export function getWebhooksOutput(
  args: pulumi.Input<GetWebhooksArgs> = {},
): pulumi.Output<Webhook[]> {
  return pulumi.output(args).apply((plain) => getWebhooks(plain as GetWebhooksArgs));
}

/** One webhook by id (one API call); fails when Comm100 has no webhook with that id. */
export function getWebhook(id: string, args: GetWebhookArgs = {}): Promise<Webhook> {
  return findWebhook(programSession(), id, args.connection);
}

/** {@link getWebhook} for an id that is an Output. */
export function getWebhookOutput(
  id: pulumi.Input<string>,
  args: pulumi.Input<GetWebhookArgs> = {},
): pulumi.Output<Webhook> {
  return pulumi
    .all([id, args])
    .apply(([plainId, plainArgs]) => getWebhook(plainId, plainArgs as GetWebhookArgs));
}

let session: Session | undefined;

/** The program's session: its stack config, and one client per account for every lookup. */
function programSession(): Session {
  if (!session) {
    session = new Session();
    session.configure(pulumi.runtime.getConfig);
  }
  return session;
}
