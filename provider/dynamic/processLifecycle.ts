/**
 * The lifecycle as the dynamic provider runs it. Every resource's serialized `__provider`
 * requires this module by its path (`pulumi-comm100/dist/dynamic/processLifecycle.js`), so that
 * path is stored in stack states: moving this file breaks the stacks that recorded it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AccountGuardLifecycle } from "../core/lifecycle/accountGuardLifecycle";
import { Session } from "../core/lifecycle/session";
import { SharedRunMemory } from "../core/lifecycle/sharedRunMemory";
import { isUnknown } from "../core/engine/unknownValue";
import { dynamicDoor } from "./dynamicDoor";
import { declaredBeforeInput, subscriptionInput } from "./hiddenInputs";
import {
  WebhookLifecycle,
  type WebhookInputs,
  type WebhookOutputs,
} from "../core/lifecycle/webhookLifecycle";

/** A plain string key: the SDK's closure serializer cannot capture a Symbol. */
const lifecyclesKey = "__pulumiComm100Lifecycle";

/** The lifecycles of the process's resources, over one session. */
interface Lifecycles {
  session: Session;
  /** By the `Comm100WebhookSubscription` the webhook belongs to (`""`: none), whose fixes it gives. */
  webhooks: Map<string, WebhookLifecycle>;
  guard: AccountGuardLifecycle;
}

/**
 * The process's lifecycles and their session. They live on `globalThis` so that every copy of
 * the serialized providers in the process (one per distinct `__provider` text) shares one
 * client, one rate limiter and one read batcher per account; the record of ownership is the
 * run's, shared with the engine's other provider processes (the plugin's, say).
 */
function lifecycles(): Lifecycles {
  const holder = globalThis as { [lifecyclesKey]?: Lifecycles };
  if (!holder[lifecyclesKey]) {
    const session = new Session({ run: SharedRunMemory.forProcess(process.argv.slice(2)) });
    holder[lifecyclesKey] = {
      session,
      webhooks: new Map(),
      guard: new AccountGuardLifecycle(session),
    };
  }
  return holder[lifecyclesKey];
}

/**
 * The lifecycle of a webhook whose inputs are `inputs`: one of a `Comm100WebhookSubscription`
 * (its hidden input names it) phrases its fixes as the subscription's.
 */
function lifecycle(inputs: object = {}): WebhookLifecycle {
  const { session, webhooks } = lifecycles();
  const subscription = (inputs as Record<string, unknown>)[subscriptionInput];
  const key = typeof subscription === "string" ? subscription : "";
  let found = webhooks.get(key);
  if (!found) {
    found = new WebhookLifecycle(session, dynamicDoor(key === "" ? undefined : key));
    webhooks.set(key, found);
  }
  return found;
}

/** The account guard's lifecycle, over the same session as the webhooks'. */
export function guardLifecycle(): AccountGuardLifecycle {
  return lifecycles().guard;
}

/** Keeps the `comm100:*` stack config and the client tuning for the rest of the process. */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  lifecycle().configure((key) => request.config.get(key));
}

/**
 * Validates the arguments before any API call (see `WebhookLifecycle.check`); refuses a webhook
 * another resource of the program declared before it (the program says which).
 */
export async function check(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<WebhookInputs>> {
  const {
    [declaredBeforeInput]: earlier,
    [subscriptionInput]: subscription,
    ...args
  } = argumentsOf(news);
  const webhooks = lifecycle(news);
  const { inputs, failures } = webhooks.check(args);
  // Not known yet (a value from another resource, at preview): the program decides at `up`.
  if (typeof earlier === "string" && !isUnknown(earlier)) {
    const fields = args as unknown as WebhookInputs;
    failures.push({ property: "", reason: webhooks.declaredTwiceIn(earlier, fields) });
  }
  const kept = subscription === undefined ? {} : { [subscriptionInput]: subscription };
  return { inputs: { ...inputs, ...kept }, failures };
}

/**
 * A resource's arguments, without the serialized provider (`__provider`): that is the SDK's,
 * not an argument, and the SDK puts it back into the inputs.
 */
export function argumentsOf(news: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(news).filter(([name]) => name !== "__provider"));
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
export async function create(
  inputs: WebhookInputs,
): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
  const { id, outs, warnings } = await lifecycle(inputs).create(inputs);
  warn(warnings);
  return { id, outs };
}

/** Reads the webhook where it lives (see `WebhookLifecycle.read`). */
export async function read(
  id: string,
  props?: Partial<WebhookOutputs>,
): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
  const { warnings, ...result } = await lifecycle().read(id, props);
  warn(warnings);
  return result;
}

/** Updates the webhook in place (see `WebhookLifecycle.update`). */
export function update(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
  return lifecycle().update(id, olds, news);
}

/** Deletes the webhook (see `WebhookLifecycle.delete`). */
async function deleteWebhook(id: string, props: WebhookOutputs): Promise<void> {
  const { warning } = await lifecycle().delete(id, props);
  warn(warning ? [warning] : []);
}
export { deleteWebhook as delete };

/** The lifecycle's warnings, on stderr: the engine shows what a provider writes there. */
export function warn(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
}
