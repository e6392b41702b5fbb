import { webhookEvents, isWebhookEvent } from "./events";
import { valueKind } from "../text/valueKind";
import { absoluteHttpUrlProblem } from "../url/httpUrl";

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why `value` is not a Comm100 webhook event, or `undefined` when it is one. */
export function eventProblem(value: unknown): string | undefined {
  if (isWebhookEvent(value)) return undefined;
  const allowed = `one of ${webhookEvents.join(", ")}`;
  if (typeof value !== "string") return `must be a string, ${allowed}; got ${valueKind(value)}`;
  if (value.trim() === "") return `must not be empty: use ${allowed}`;
  const suggestion = closestEvent(value);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
  return `is not a Comm100 webhook event: ${hint}use ${allowed} (exact spelling)`;
}

/** Why `value` is not a usable webhook target URL, or `undefined` when it is one. */
export function targetUrlProblem(value: unknown): string | undefined {
  return absoluteHttpUrlProblem(value, "https://example.com/comm100/webhook");
}

/** Why `value` is not a Comm100 webhook id (a GUID), or `undefined` when it is one. */
export function webhookIdProblem(value: unknown): string | undefined {
  if (typeof value === "string" && guidPattern.test(value)) return undefined;
  const got = typeof value === "string" ? "" : `; got ${valueKind(value)}`;
  return `must be a webhook id, a GUID such as 69FAB2B6-1189-4B96-BD06-1CBDADBC1164${got}`;
}

/** The event whose spelling is closest to `value`, if it is close enough to be a likely typo. */
export function closestEvent(value: string): string | undefined {
  const lower = value.toLowerCase();
  let best: { event: string; distance: number } | undefined;
  for (const event of webhookEvents) {
    const distance = editDistance(lower, event.toLowerCase());
    if (!best || distance < best.distance) best = { event, distance };
  }
  return best && best.distance <= Math.max(3, Math.floor(best.event.length / 3))
    ? best.event
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
