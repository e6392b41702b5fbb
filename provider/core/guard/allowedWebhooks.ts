import { isWebhookEvent, webhookEvents, type WebhookEvent } from "../webhook/events";
import { idKey, type Webhook } from "../webhook/webhookFields";

/**
 * Webhooks an account guard lets the account hold besides the stack's own: those other stacks or
 * people manage, by target host (`hooks.example.com`, or `*.example.com` for any host below
 * example.com) and optionally by event.
 */
export interface AllowEntry {
  targetHost: string;
  event?: WebhookEvent;
}

/** A webhook the guard did not expect, as messages and state may show it: never its URL. */
export interface UnexpectedWebhook {
  id: string;
  event: string;
  targetHost: string;
}

const hostLabel = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
const hostPattern = new RegExp(`^(\\*\\.)?${hostLabel}(\\.${hostLabel})*$|^\\[[0-9a-f:.]+\\]$`);

/** Why `entry` is not an allow entry, or `undefined` when it is one. */
export function allowEntryProblem(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    return 'must be an object such as { targetHost: "*.example.com", event: "chatStarts" }';
  }
  const { targetHost, event, ...others } = entry as Record<string, unknown>;
  const [other] = Object.keys(others);
  if (other !== undefined) return `has ${other}, which is not a field: use targetHost and event`;
  if (typeof targetHost !== "string" || !hostPattern.test(targetHost.toLowerCase())) {
    return (
      "targetHost must be a host name such as hooks.example.com, or *. and a host name " +
      "(*.example.com: any host below example.com), without scheme, port or path"
    );
  }
  if (event !== undefined && !isWebhookEvent(event)) {
    return `event must be one of ${webhookEvents.join(", ")}, or left out for every event`;
  }
  return undefined;
}

/**
 * The webhooks of `webhooks` that are neither declared (`declaredIds`) nor allowed by `allow`.
 */
export function unexpectedWebhooks(
  webhooks: readonly Webhook[],
  declaredIds: ReadonlySet<string>,
  allow: readonly AllowEntry[],
): UnexpectedWebhook[] {
  return webhooks
    .filter((webhook) => !declaredIds.has(idKey(webhook.id)))
    .map((webhook) => ({ id: webhook.id, event: webhook.event, targetHost: hostOf(webhook) }))
    .filter((webhook) => !allow.some((entry) => allows(entry, webhook)))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function allows(entry: AllowEntry, webhook: UnexpectedWebhook): boolean {
  if (entry.event !== undefined && entry.event !== webhook.event) return false;
  const pattern = entry.targetHost.toLowerCase();
  return pattern.startsWith("*.")
    ? webhook.targetHost.endsWith(pattern.slice(1))
    : webhook.targetHost === pattern;
}

function hostOf(webhook: Webhook): string {
  try {
    return new URL(webhook.targetUrl).hostname.toLowerCase();
  } catch {
    return "(no host)";
  }
}
