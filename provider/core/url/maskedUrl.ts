/**
 * A URL as a message may show it: its scheme and host, with everything after the host (path,
 * query, fragment: where a receiver keeps its secret) replaced by `…`, and any user info left
 * out. A target URL is the receiver's only secret, so no message shows one whole.
 */
export function maskedUrl(value: string): string {
  const parts = /^([a-z][a-z\d+.-]*:)\/\/(?:[^/?#@\s]*@)?([^/?#\s]*)(.*)$/is.exec(value.trim());
  if (!parts) return "(a value without a scheme and host)";
  const [, scheme, host, rest] = parts;
  const shown = host.length > 64 ? `${host.slice(0, 61)}...` : host;
  return `${scheme.toLowerCase()}//${shown}${rest === "" || rest === "/" ? rest : "/…"}`;
}
