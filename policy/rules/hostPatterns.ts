/*
 * Receiving-host allow-lists. An entry is an exact host (`hooks.example.com`, `203.0.113.7`) or a
 * wildcard (`*.example.com`: any host below example.com, at any depth, but not example.com
 * itself). Hosts compare as the WHATWG URL parser spells them (lower case, punycode, IPv6 in
 * brackets), without a trailing dot; ports and schemes play no part.
 */

const hostName = "[^*/\\\\:@?#\\s\\[\\]]+";
const ipv6Host = "\\[[0-9A-Fa-f:.]+\\]";
const hostSyntax = new RegExp(`^${hostName}$|^${ipv6Host}$`);

/** The JSON-schema pattern of an allow-list entry: a host, or `*.` and a host name. */
export const hostPatternSyntax = `^(\\*\\.)?${hostName}$|^${ipv6Host}$`;

/** Whether the host `hostname` matches the allow-list entry `pattern`. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const wildcard = pattern.startsWith("*.");
  const host = canonicalHost(hostname);
  const base = canonicalHost(wildcard ? pattern.slice(2) : pattern);
  if (host === undefined || base === undefined) return false;
  return wildcard ? host.endsWith(`.${base}`) : host === base;
}

/** Whether the host `hostname` matches any entry of `patterns`. */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => hostMatches(hostname, pattern));
}

/** `host` as URLs spell it, without a trailing dot; `undefined` when it is not a host. */
function canonicalHost(host: string): string | undefined {
  if (!hostSyntax.test(host)) return undefined;
  try {
    const { hostname } = new URL(`https://${host}/`);
    return hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  } catch {
    return undefined;
  }
}
