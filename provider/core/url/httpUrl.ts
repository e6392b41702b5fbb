import { valueKind } from "../text/valueKind";

const maxUrlLength = 2048;

/**
 * Why `value` is not an absolute http(s) URL without whitespace, or `undefined` when it is one.
 * `example` is shown to the user as the shape to follow. The value itself is never shown, only
 * the part at fault: it may be a secret, and a target URL is the receiver's secret.
 */
export function absoluteHttpUrlProblem(value: unknown, example: string): string | undefined {
  if (typeof value !== "string")
    return `must be a string URL such as ${example}; got ${valueKind(value)}`;
  if (value === "") return `must not be empty: give an absolute URL such as ${example}`;
  if (value.length > maxUrlLength) {
    return `is ${value.length} characters long; at most ${maxUrlLength} are accepted`;
  }
  const space = value.search(/\s/);
  if (space >= 0) {
    return `contains whitespace (character ${space + 1} of ${value.length}): remove it or percent-encode it (%20)`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return unparsableUrlReason(value, example);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `uses ${url.protocol.slice(0, -1)}: only http and https URLs are accepted, e.g. ${example}`;
  }
  if (url.hostname === "") return `has no host, e.g. ${example}`;
  if (url.port === "0") return `has the port 0: ${portRule}`;
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

/** A URL in the one spelling the WHATWG URL parser gives it (or as it is, if it does not parse). */
export function normalizedUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
