import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
// `UnknownValueError` is exported at run time; the package's types leave it out (typed `any`).
import { UnknownValueError } from "@pulumi/policy";

/*
 * How the pack sees Comm100 webhooks: which resources are webhooks, what they declare, and how
 * a message names one. Nothing here reads a webhook's `connection` (a secret the pack sees in
 * plain text, as it sees every secret input).
 */

/**
 * The resource types that are Comm100 webhooks: the dynamic `Comm100Webhook` (also made by
 * `Comm100WebhookSubscription`, one per event) and the provider plugin's `comm100:index:Webhook`.
 */
export const webhookTypes = {
  dynamic: "pulumi-nodejs:dynamic/comm100:Webhook",
  plugin: "comm100:index:Webhook",
} as const;

/**
 * The type of the component that makes one webhook per event: `Comm100WebhookSubscription`
 * (dynamic webhooks) and the plugin's `comm100:index:WebhookSubscription` (plugin webhooks).
 */
export const subscriptionType = "comm100:index:WebhookSubscription";

/** How programs name the subscription that made a webhook of each type. */
const subscriptionNames: Record<string, string> = {
  [webhookTypes.dynamic]: "Comm100WebhookSubscription",
  [webhookTypes.plugin]: subscriptionType,
};

/** Whether a resource of type `type` is a Comm100 webhook. */
export function isWebhookType(type: string): boolean {
  return (Object.values(webhookTypes) as string[]).includes(type);
}

/** What the pack knows of a resource: its type and name, its parent's URN, its properties. */
export interface ResourceView {
  type: string;
  name: string;
  opts: { parent?: string };
  props: Record<string, unknown>;
}

/**
 * How messages name a webhook: `webhook "crm-chatStarts" of Comm100WebhookSubscription "crm"`
 * (`of comm100:index:WebhookSubscription "crm"` for the plugin's) for one a subscription made,
 * else `webhook "name"`.
 */
export function webhookLabel(resource: Pick<ResourceView, "type" | "name" | "opts">): string {
  const parent = resource.opts.parent;
  // A URN ends in `::<qualified type>::<name>`; the qualified type's last part is the type.
  const [qualifiedType = "", parentName] = parent?.split("::").slice(-2) ?? [];
  const made = qualifiedType.split("$").pop() === subscriptionType;
  const subscription = subscriptionNames[resource.type] ?? subscriptionType;
  return `webhook "${resource.name}"${made ? ` of ${subscription} "${parentName}"` : ""}`;
}

/**
 * The property `name` of a resource, or `undefined` when it is not known yet (another
 * resource's output during preview). Reading an unknown value directly throws, which makes the
 * whole policy advisory for that run.
 */
export function knownProperty(resource: Pick<ResourceView, "props">, name: string): unknown {
  try {
    return resource.props[name];
  } catch (error) {
    if (error instanceof UnknownValueError) return undefined;
    throw error;
  }
}

/**
 * The target URL a webhook declares, parsed: `null` when it is not an absolute URL, `undefined`
 * when it declares none (a lookup by id). An unknown value throws, as every read does.
 */
export function declaredTargetUrl(resource: Pick<ResourceView, "props">): URL | null | undefined {
  const value = resource.props.targetUrl;
  if (typeof value !== "string") return undefined;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * A `validateResource` that runs `judge` on each webhook's parsed target URL and reports what it
 * returns; other resources and webhooks without a target pass, and so does a target that is not
 * an absolute URL unless `notUrl` says what to report then.
 */
export function validateTargetUrl(
  judge: (url: URL, args: ResourceValidationArgs) => string | undefined,
  notUrl?: string,
): ResourceValidation {
  return (args, reportViolation) => {
    if (!isWebhookType(args.type)) return;
    const url = declaredTargetUrl(args);
    const problem = url ? judge(url, args) : url === null ? notUrl : undefined;
    if (problem) reportViolation(`${webhookLabel(args)} ${problem}`);
  };
}
