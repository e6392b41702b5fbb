import { isUnknown } from "../engine/unknownValue";
import { absoluteHttpUrlProblem } from "../url/httpUrl";
import {
  argumentConfigEnvTerms,
  type ConnectionField,
  type ConnectionSource,
  type ConnectionTerms,
} from "./connectionTerms";
import { connectionSettingNames as fields, settings, type ConfigReader } from "./settings";

/**
 * How to reach the Comm100 API and authenticate: a base URL plus either an OAuth access token
 * (Bearer) or an agent's email, API key and site id (HTTP Basic + `siteId`).
 */
export interface ConnectionArgs {
  /** The API base of your data centre, e.g. `https://api11.comm100.io/v4` (see your Control Panel host `dashNN`). */
  baseUrl?: string;
  /** An OAuth access token, sent as `Authorization: Bearer <token>`. */
  accessToken?: string;
  /** The agent's email, with `apiKey` and `siteId`: HTTP Basic authentication. */
  agentEmail?: string;
  /** The agent's API key, with `agentEmail` and `siteId`. */
  apiKey?: string;
  /** The Comm100 site id (a number), with `agentEmail` and `apiKey`. */
  siteId?: string | number;
}

/** The credentials of one of Comm100's two authentication schemes. */
export type Credentials =
  | { scheme: "bearer"; accessToken: string }
  | { scheme: "apiKey"; agentEmail: string; apiKey: string; siteId: string };

/** Complete, validated connection settings. */
export interface Connection {
  baseUrl: string;
  credentials: Credentials;
}

/** The raw settings each source gives, keyed like `ConnectionArgs`. */
export type ConnectionSources = Record<ConnectionSource, ConnectionArgs | undefined>;

/** The outcome of resolving connection settings. */
export type ConnectionResolution =
  | { kind: "resolved"; connection: Connection; source: ConnectionSource }
  | { kind: "unknown" }
  | { kind: "invalid"; message: string };

/** Reads `comm100:*` keys from a stack config bag. */
export function connectionFromConfig(get: ConfigReader): ConnectionArgs {
  return Object.fromEntries(fields.map((field) => [field, get(settings[field].config)]));
}

/** Reads `COMM100_*` variables from an environment. */
export function connectionFromEnv(env: NodeJS.ProcessEnv): ConnectionArgs {
  return Object.fromEntries(fields.map((field) => [field, env[settings[field].env]]));
}

/**
 * Picks the first source that sets any connection field and validates it whole. Values not known
 * yet (preview) resolve to `unknown`; messages never contain a credential and name the settings
 * in `terms`, the door's own.
 */
export function resolveConnection(
  sources: ConnectionSources,
  terms: ConnectionTerms = argumentConfigEnvTerms,
): ConnectionResolution {
  for (const source of ["connection", "config", "env"] as const) {
    const args = sources[source];
    if (isUnknown(args)) return { kind: "unknown" };
    if (!args || typeof args !== "object") continue;
    const given = fields.filter((field) => isGiven(args[field]));
    if (given.length === 0) continue;
    if (given.some((field) => isUnknown(args[field]))) return { kind: "unknown" };
    return validate(args, source, terms);
  }
  return { kind: "invalid", message: `Comm100 connection settings are missing. ${terms.help}` };
}

/** The connection `resolveConnection` picks; throws its message when there is none yet. */
export function requireConnection(sources: ConnectionSources, terms?: ConnectionTerms): Connection {
  const resolution = resolveConnection(sources, terms);
  if (resolution.kind === "resolved") return resolution.connection;
  throw new Error(
    resolution.kind === "invalid" ? resolution.message : "Comm100 connection is not known yet",
  );
}

const apiKeyFields = ["agentEmail", "apiKey", "siteId"] as const;

function validate(
  args: ConnectionArgs,
  source: ConnectionSource,
  terms: ConnectionTerms,
): ConnectionResolution {
  const { label, field } = terms.sources[source];
  const names = Object.fromEntries(fields.map((name) => [name, field(name)])) as Record<
    ConnectionField,
    string
  >;
  const invalid = (problem: string): ConnectionResolution => ({
    kind: "invalid",
    message: `Comm100 connection settings from ${label} are not usable: ${problem}. ${terms.help}`,
  });

  const baseUrl = args.baseUrl;
  if (!isGiven(baseUrl)) return invalid(`${names.baseUrl} is missing`);
  const baseUrlProblem = apiBaseUrlProblem(baseUrl);
  if (baseUrlProblem) return invalid(`${names.baseUrl} ${baseUrlProblem}`);

  const apiKeyFieldsGiven = apiKeyFields.filter((f) => isGiven(args[f]));
  if (isGiven(args.accessToken)) {
    if (apiKeyFieldsGiven.length > 0) {
      return invalid(
        `both ${names.accessToken} and ${apiKeyFieldsGiven.map((f) => names[f]).join(", ")} are set: ` +
          `use either an access token or agentEmail + apiKey + siteId, not both`,
      );
    }
    if (typeof args.accessToken !== "string") {
      return invalid(`${names.accessToken} must be a string`);
    }
    return resolved({ scheme: "bearer", accessToken: args.accessToken.trim() });
  }
  if (apiKeyFieldsGiven.length === 0) {
    return invalid(
      `${names.accessToken} (or ${names.agentEmail} + ${names.apiKey} + ${names.siteId}) is missing`,
    );
  }
  const missing = apiKeyFields.filter((f) => !isGiven(args[f]));
  if (missing.length > 0) {
    return invalid(
      `${missing.map((f) => names[f]).join(" and ")} missing: API-key authentication needs ` +
        `${names.agentEmail}, ${names.apiKey} and ${names.siteId} together`,
    );
  }
  const { agentEmail, apiKey } = args;
  if (typeof agentEmail !== "string" || !/^[^\s@:]+@[^\s@:]+$/.test(agentEmail.trim())) {
    return invalid(`${names.agentEmail} must be the agent's email address (name@domain)`);
  }
  if (typeof apiKey !== "string") return invalid(`${names.apiKey} must be a string`);
  const siteId = String(args.siteId).trim();
  if (!/^\d+$/.test(siteId)) {
    return invalid(`${names.siteId} must be your numeric Comm100 site id (digits only)`);
  }
  return resolved({
    scheme: "apiKey",
    agentEmail: agentEmail.trim(),
    apiKey: apiKey.trim(),
    siteId,
  });

  function resolved(credentials: Credentials): ConnectionResolution {
    return {
      kind: "resolved",
      connection: { baseUrl: stripTrailingSlash(String(baseUrl).trim()), credentials },
      source,
    };
  }
}

/** Why `value` is not a Comm100 API base URL (`http(s)://host/.../v4`), or `undefined`. */
export function apiBaseUrlProblem(value: unknown): string | undefined {
  const example = "https://api11.comm100.io/v4";
  const urlProblem = absoluteHttpUrlProblem(
    typeof value === "string" ? value.trim() : value,
    example,
  );
  if (urlProblem) return urlProblem;
  const url = new URL(String(value).trim());
  const path = stripTrailingSlash(url.pathname);
  if (url.search || url.hash) {
    return `"${url.origin}${url.pathname}" must not carry a query or fragment: use ${url.origin}${path}`;
  }
  if (path.endsWith("/v4")) return undefined;
  const v4 = path.toLowerCase().indexOf("/v4/");
  const suggestion = v4 >= 0 ? `${url.origin}${path.slice(0, v4 + 3)}` : `${url.origin}${path}/v4`;
  return `"${url.origin}${url.pathname}" must end at the API version: use ${suggestion}`;
}

function stripTrailingSlash(value: string): string {
  return value.replace(/\/+$/, "");
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
