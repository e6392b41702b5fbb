import { webhookEvents, isWebhookEvent } from "./events";
import { maskedUrl } from "./maskedUrl";

/**
 * What the engine sends in place of a value that is not known yet (another resource's output
 * during preview). Such a value is validated later, once known, never as a value.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether `value` is the engine's placeholder for a value not known yet. */
export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

const maxTargetUrlLength = 2048;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why `value` is not a Comm100 webhook event, or `undefined` when it is one. */
export function eventProblem(value: unknown): string | undefined {
  if (isWebhookEvent(value)) return undefined;
  const allowed = `one of ${webhookEvents.join(", ")}`;
  if (typeof value !== "string") return `must be a string, ${allowed}; got ${describe(value)}`;
  if (value.trim() === "") return `must not be empty: use ${allowed}`;
  const suggestion = closestEvent(value);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
  return `is not a Comm100 webhook event: ${hint}use ${allowed} (exact spelling)`;
}

/** Why `value` is not a usable webhook target URL, or `undefined` when it is one. */
export function targetUrlProblem(value: unknown): string | undefined {
  return absoluteHttpUrlProblem(value, "https://example.com/comm100/webhook");
}

/**
 * Why `value` is not an absolute http(s) URL without whitespace, or `undefined` when it is one.
 * `example` is shown to the user as the shape to follow. The value is shown masked (scheme and
 * host): it may be a secret, and a target URL's path is the receiver's secret.
 */
export function absoluteHttpUrlProblem(value: unknown, example: string): string | undefined {
  if (typeof value !== "string")
    return `must be a string URL such as ${example}; got ${describe(value)}`;
  if (value === "") return `must not be empty: give an absolute URL such as ${example}`;
  if (value.length > maxTargetUrlLength) {
    return `is ${value.length} characters long; at most ${maxTargetUrlLength} are accepted`;
  }
  const shown = `"${maskedUrl(value)}"`;
  const space = value.search(/\s/);
  if (space >= 0) {
    return `${shown} contains whitespace (character ${space + 1} of ${value.length}): remove it or percent-encode it (%20)`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${shown} ${unparsableUrlReason(value, example)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `${shown} uses ${url.protocol.slice(0, -1)}: only http and https URLs are accepted, e.g. ${example}`;
  }
  if (url.hostname === "") return `${shown} has no host, e.g. ${example}`;
  if (url.port === "0") return `${shown} has the port 0: ${portRule}`;
  return undefined;
}

const portRule = "a port is a number from 1 to 65535, or left out for the scheme's default";

/**
 * Why the WHATWG URL parser rejects `value` (it only says "Invalid URL"): no scheme, a port that
 * is not a number or out of range, no host, or a host it cannot read.
 */
function unparsableUrlReason(value: string, example: string): string {
  const authority = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1];
  if (authority === undefined) {
    return `is not an absolute URL: give the scheme and host, e.g. ${example}`;
  }
  const hostAndPort = authority.slice(authority.lastIndexOf("@") + 1);
  // An IPv6 host is bracketed, so its colons are not the port's.
  const [, host = "", port = ""] = /^(\[[^\]]*\]?|[^:]*)(?::(.*))?$/.exec(hostAndPort) ?? [];
  if (port !== "" && !/^\d+$/.test(port)) {
    return `has the port "${truncate(port)}", which is not a number: ${portRule}`;
  }
  if (Number(port) > 65535) return `has the port ${port}, out of range: ${portRule}`;
  if (host === "") return `has no host, e.g. ${example}`;
  return `has a host that is not a valid domain name or IP address ("${truncate(host)}"), e.g. ${example}`;
}

/** Why `value` is not a Comm100 webhook id (a GUID), or `undefined` when it is one. */
export function webhookIdProblem(value: unknown): string | undefined {
  if (typeof value === "string" && guidPattern.test(value)) return undefined;
  const got = typeof value === "string" ? "" : `; got ${describe(value)}`;
  return `must be a webhook id, a GUID such as 69FAB2B6-1189-4B96-BD06-1CBDADBC1164${got}`;
}

/** A URL in the one spelling the WHATWG URL parser gives it (or as it is, if it does not parse). */
export function normalizedUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
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

/**
 * What kind of value `value` is, for error messages; never the text of a string (any value may
 * be a secret, and the engine does not tell the provider which).
 */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `a string of ${value.length} characters`;
  if (typeof value === "object") return "an object";
  return typeof value === "boolean" ? "a boolean" : `a ${typeof value}`;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
