import type { Account } from "./accounts";
import { ApiError, badRequest, errorCodes } from "./errors";

const challenge = { "WWW-Authenticate": 'Bearer, Basic realm="Comm100"' };

function unauthorized(message: string): ApiError {
  return new ApiError(401, errorCodes.unauthorized, message, challenge);
}

function forbidden(message: string): ApiError {
  return new ApiError(403, errorCodes.forbidden, message);
}

/**
 * Finds the site a request acts on, or throws the Comm100-style error:
 * - `Bearer <token>`: the token picks the site; a `siteId` query parameter for another site is 403.
 * - `Basic email:apiKey`: `siteId` is required (400 without it); an agent unknown in that site
 *   (including a wrong siteId) is 401; an agent without "Manage Integration" is 403.
 * - No, malformed or unknown credentials: 401.
 */
export function authenticate(
  accounts: readonly Account[],
  authorization: string | undefined,
  siteIdParam: unknown,
): string {
  if (siteIdParam !== undefined && typeof siteIdParam !== "string") {
    throw badRequest("The siteId query parameter must be given once.");
  }
  const match = /^(\S+) +(\S+)$/.exec(authorization?.trim() ?? "");
  if (!match) {
    throw unauthorized(
      "Missing or malformed Authorization header: send 'Bearer <access token>', or HTTP Basic " +
        "'<agent email>:<API key>' with the siteId query parameter.",
    );
  }
  const [, scheme, credentials] = match;
  switch (scheme.toLowerCase()) {
    case "bearer":
      return bearerSite(accounts, credentials, siteIdParam);
    case "basic":
      return basicSite(accounts, credentials, siteIdParam);
    default:
      throw unauthorized(`Unsupported authorization scheme '${scheme}': use Bearer or Basic.`);
  }
}

function bearerSite(accounts: readonly Account[], token: string, siteId?: string): string {
  const account = accounts.find((candidate) => candidate.bearerTokens.includes(token));
  if (!account) throw unauthorized("The access token is invalid or has expired.");
  if (siteId !== undefined && siteId !== account.siteId) {
    throw forbidden(`The access token does not grant access to site ${siteId}.`);
  }
  return account.siteId;
}

function basicSite(accounts: readonly Account[], encoded: string, siteId?: string): string {
  const decoded = /^[A-Za-z0-9+/]+=*$/.test(encoded)
    ? Buffer.from(encoded, "base64").toString("utf8")
    : "";
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw unauthorized("Basic credentials must be '<agent email>:<API key>'.");
  if (siteId === undefined) {
    throw badRequest("The siteId query parameter is required with API-key (Basic) authentication.");
  }
  const email = decoded.slice(0, colon).toLowerCase();
  const apiKey = decoded.slice(colon + 1);
  const agent = accounts
    .find((account) => account.siteId === siteId)
    ?.agents.find((candidate) => candidate.email.toLowerCase() === email);
  if (!agent || agent.apiKey !== apiKey) {
    throw unauthorized(`The agent email or API key is not valid for site ${siteId}.`);
  }
  if (!agent.manageIntegration) {
    throw forbidden("The agent lacks the 'Manage Integration' permission needed for webhooks.");
  }
  return siteId;
}
