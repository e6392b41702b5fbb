/**
 * The lifecycle as the dynamic provider runs it. Every resource's serialized `__provider`
 * requires this module by its path (`pulumi-comm100/dist/dynamic/processLifecycle.js`), so that
 * path is stored in stack states: moving this file breaks the stacks that recorded it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Session } from "../core/lifecycle/session";
import { SharedRunMemory } from "../core/lifecycle/sharedRunMemory";
import {
  WebhookLifecycle,
  type WebhookInputs,
  type WebhookOutputs,
} from "../core/lifecycle/webhookLifecycle";

/** A plain string key: the SDK's closure serializer cannot capture a Symbol. */
const lifecycleKey = "__pulumiComm100Lifecycle";

/**
 * The process's lifecycle and session. It lives on `globalThis` so that every copy of the
 * serialized provider in the process (one per distinct `__provider` text) shares one client,
 * one rate limiter and one read batcher per account; the record of ownership is the run's,
 * shared with the engine's other provider processes (the plugin's, say).
 */
function lifecycle(): WebhookLifecycle {
  const holder = globalThis as { [lifecycleKey]?: WebhookLifecycle };
  holder[lifecycleKey] ??= new WebhookLifecycle(
    new Session({ run: SharedRunMemory.forProcess(process.argv.slice(2)) }),
  );
  return holder[lifecycleKey];
}

/** Keeps the `comm100:*` stack config and the client tuning for the rest of the process. */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  lifecycle().configure((key) => request.config.get(key));
}

/**
 * Validates the arguments before any API call (see `WebhookLifecycle.check`). The serialized
 * provider (`__provider`) is the SDK's, not an argument; the SDK puts it back into the inputs.
 */
export async function check(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<WebhookInputs>> {
  const args = Object.entries(news).filter(([name]) => name !== "__provider");
  return lifecycle().check(Object.fromEntries(args));
}

/** Compares the state with the program (see `WebhookLifecycle.diff`). */
export function diff(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.DiffResult> {
  return lifecycle().diff(id, olds, news);
}

/** Creates or adopts the webhook (see `WebhookLifecycle.create`). */
export function create(
  inputs: WebhookInputs,
): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
  return lifecycle().create(inputs);
}

/** Reads the webhook where it lives (see `WebhookLifecycle.read`). */
export function read(
  id: string,
  props?: Partial<WebhookOutputs>,
): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
  return lifecycle().read(id, props);
}

/** Updates the webhook in place (see `WebhookLifecycle.update`). */
export function update(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
  return lifecycle().update(id, olds, news);
}

/**
 * Deletes the webhook (see `WebhookLifecycle.delete`); why one is left in Comm100 goes to
 * stderr, which the engine shows with the resource.
 */
async function deleteWebhook(id: string, props: WebhookOutputs): Promise<void> {
  const { warning } = await lifecycle().delete(id, props);
  if (warning)
    process.stderr.write(`warning: ${warning}
`);
}
export { deleteWebhook as delete };
