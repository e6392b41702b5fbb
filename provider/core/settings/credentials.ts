import type { Connection } from "./connection";

/** How a request proves who it is, and every string that must never be shown. */
export interface Authorization {
  /** Headers every request carries. */
  headers: Record<string, string>;
  /** Query parameters every request carries (the site id with API-key authentication). */
  params?: Record<string, string>;
  /** The credential in every form it is sent in: masked in every message. */
  secrets: string[];
}

/**
 * The authorization of `connection`: `Bearer <token>`, or HTTP Basic of the agent's email and
 * API key plus `siteId`. The one place the credential is encoded, so what is masked always
 * matches what is sent.
 */
export function authorizationOf(connection: Connection): Authorization {
  const { credentials } = connection;
  if (credentials.scheme === "bearer") {
    return {
      headers: { Authorization: `Bearer ${credentials.accessToken}` },
      secrets: [credentials.accessToken],
    };
  }
  const basic = Buffer.from(`${credentials.agentEmail}:${credentials.apiKey}`).toString("base64");
  return {
    headers: { Authorization: `Basic ${basic}` },
    params: { siteId: credentials.siteId },
    secrets: [credentials.apiKey, basic],
  };
}
