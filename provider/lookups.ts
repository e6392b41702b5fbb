import * as pulumi from "@pulumi/pulumi";
import { Comm100Client, type Webhook } from "./client";
import { clientTuning } from "./clientTuning";
import {
  connectionFromConfig,
  connectionFromEnv,
  requireConnection,
  type ConnectionArgs,
} from "./connection";
import type { WebhookEvent } from "./events";
import { eventProblem, sameTargetUrl, targetUrlProblem, webhookIdProblem } from "./validation";

/** Filters of {@link getWebhooks}; a webhook must match every filter given. */
export interface GetWebhooksArgs {
  /** Only webhooks of this event. */
  event?: WebhookEvent;
  /** Only webhooks that POST to this URL. */
  targetUrl?: string;
  /** Connection settings; default: stack config `comm100:*`, else `COMM100_*` variables. */
  connection?: ConnectionArgs;
}

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
export async function getWebhooks(args: GetWebhooksArgs = {}): Promise<Webhook[]> {
  if (args.event !== undefined) throwIf("getWebhooks: event", eventProblem(args.event));
  if (args.targetUrl !== undefined) {
    throwIf("getWebhooks: targetUrl", targetUrlProblem(args.targetUrl));
  }
  const webhooks = await clientFor(args.connection).list();
  return webhooks.filter(
    (webhook) =>
      (args.event === undefined || webhook.event === args.event) &&
      (args.targetUrl === undefined || sameTargetUrl(webhook.targetUrl, args.targetUrl)),
  );
}

/** {@link getWebhooks} for arguments that are Outputs. */
export function getWebhooksOutput(
  args: pulumi.Input<GetWebhooksArgs> = {},
): pulumi.Output<Webhook[]> {
  return pulumi.output(args).apply((plain) => getWebhooks(plain as GetWebhooksArgs));
}

/** One webhook by id (one API call); fails when Comm100 has no webhook with that id. */
export async function getWebhook(id: string, args: GetWebhookArgs = {}): Promise<Webhook> {
  throwIf("getWebhook: id", webhookIdProblem(id));
  const webhook = await clientFor(args.connection).get(id);
  if (!webhook) throw new Error(`getWebhook: Comm100 has no webhook with id ${id}`);
  return webhook;
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

function clientFor(connection: ConnectionArgs | undefined): Comm100Client {
  const resolved = requireConnection({
    connection,
    config: connectionFromConfig(pulumi.runtime.getConfig),
    env: connectionFromEnv(process.env),
  });
  return new Comm100Client(resolved, clientTuning(pulumi.runtime.getConfig, process.env));
}

function throwIf(field: string, problem: string | undefined): void {
  if (problem) throw new Error(`${field} ${problem}`);
}
