/**
 * The events a Comm100 webhook can subscribe to, spelled exactly as the Comm100 REST API v4
 * expects them. This list is the one definition: everything else derives from it.
 */
export const webhookEvents = [
  "offlineMessageIsSubmitted",
  "chatStarts",
  "chatEnds",
  "chatIsWrappedUp",
  "agentStatusChanges",
  "chatIsRequested",
  "chatIsTransferred",
] as const;

/** One Comm100 webhook event name, e.g. `"chatStarts"`. */
export type WebhookEvent = (typeof webhookEvents)[number];

/** Whether `value` is exactly one of the Comm100 webhook event names. */
export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === "string" && (webhookEvents as readonly string[]).includes(value);
}
