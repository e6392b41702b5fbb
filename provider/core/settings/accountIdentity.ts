import { resolveConnection, type Connection, type ConnectionArgs } from "./connection";
import { normalizedUrl } from "../url/httpUrl";

/**
 * The account a webhook lives in is part of its identity: the connection it was made with is
 * recorded in its state (a secret output), so that it is read and deleted where it is, and a
 * change of settings that names another account moves it instead of leaving it behind.
 */

/** The connection a state recorded with `recordOf`, if it records a usable one. */
export function connectionOfRecord(record: ConnectionArgs | undefined): Connection | undefined {
  const resolution = resolveConnection({ connection: record, config: {}, env: {} });
  return resolution.kind === "resolved" ? resolution.connection : undefined;
}

/** The connection as it is recorded in a webhook's state: the flat `ConnectionArgs` shape. */
export function recordOf(connection: Connection): ConnectionArgs {
  const { baseUrl, credentials } = connection;
  return credentials.scheme === "bearer"
    ? { baseUrl, accessToken: credentials.accessToken }
    : {
        baseUrl,
        agentEmail: credentials.agentEmail,
        apiKey: credentials.apiKey,
        siteId: credentials.siteId,
      };
}

/** Whether two connections are the same settings: same API base and same credentials. */
export function sameConnection(a: Connection, b: Connection): boolean {
  return sameApi(a, b) && JSON.stringify(a.credentials) === JSON.stringify(b.credentials);
}

/**
 * Whether two connections surely name the same account without asking the API: the same API
 * base, site and agent with API-key authentication (only the key differs: a rotated key). An
 * access token does not say which site it belongs to, so a change of token, of scheme, of agent
 * or of base URL is decided by asking the API whether the new settings reach the webhook.
 */
export function surelySameAccount(a: Connection, b: Connection): boolean {
  const [x, y] = [a.credentials, b.credentials];
  return (
    sameApi(a, b) &&
    x.scheme === "apiKey" &&
    y.scheme === "apiKey" &&
    x.siteId === y.siteId &&
    x.agentEmail.toLowerCase() === y.agentEmail.toLowerCase()
  );
}

/** The account in words, without any credential: "site 10000 at https://…/v4 (agent a@b.c)". */
export function accountLabel(connection: Connection): string {
  const { baseUrl, credentials } = connection;
  return credentials.scheme === "bearer"
    ? `the access token's site at ${baseUrl}`
    : `site ${credentials.siteId} at ${baseUrl} (agent ${credentials.agentEmail})`;
}

/** The API host a connection talks to: accounts on different hosts are never the same. */
export function apiOrigin(connection: Connection): string {
  try {
    return new URL(connection.baseUrl).origin;
  } catch {
    return connection.baseUrl;
  }
}

function sameApi(a: Connection, b: Connection): boolean {
  return normalizedUrl(a.baseUrl) === normalizedUrl(b.baseUrl);
}
