import type { WebhookFields } from "./client";
import { normalizedUrl, sameTargetUrl } from "./validation";

/**
 * When two webhooks are the same webhook to Comm100's users: the same event to the same
 * endpoint. Two such webhooks in one account deliver every event twice.
 */
export function sameFields(
  a: { event: string; targetUrl: string },
  b: { event: string; targetUrl: string },
): boolean {
  return a.event === b.event && sameTargetUrl(a.targetUrl, b.targetUrl);
}

/** The key under which writes that could make `fields` on the API host `origin` are serialized. */
export function writeKey(origin: string, fields: WebhookFields): string {
  return `${origin.toLowerCase()}\n${fields.event}\n${normalizedUrl(fields.targetUrl)}`;
}
