/**
 * Every setting of the provider, once: its stack config key, its environment variable, its
 * default, whether it is a secret, and what it means. Configure, the environment fallback, the
 * README's settings table, the error hints and the plugin's schema all read this table.
 * (`defaultValue`, not `default`: the SDK's closure serializer fails on an object whose
 * `default` is a number.)
 */
export const settings = {
  baseUrl: {
    config: "comm100:baseUrl",
    env: "COMM100_BASE_URL",
    kind: "connection",
    secret: false,
    defaultValue: undefined,
    meaning:
      "The API base of your data centre, `https://apiNN.comm100.io/v4` with the `NN` of your Control Panel host `dashNN.comm100.io`, e.g. `https://api11.comm100.io/v4`.",
  },
  accessToken: {
    config: "comm100:accessToken",
    env: "COMM100_ACCESS_TOKEN",
    kind: "connection",
    secret: true,
    defaultValue: undefined,
    meaning:
      "An OAuth access token (Bearer authentication); or, instead, `agentEmail`, `apiKey` and `siteId` together.",
  },
  agentEmail: {
    config: "comm100:agentEmail",
    env: "COMM100_AGENT_EMAIL",
    kind: "connection",
    secret: false,
    defaultValue: undefined,
    meaning: "The agent's email, with `apiKey` and `siteId` (API-key authentication).",
  },
  apiKey: {
    config: "comm100:apiKey",
    env: "COMM100_API_KEY",
    kind: "connection",
    secret: true,
    defaultValue: undefined,
    meaning: "The agent's API key (HTTP Basic with `agentEmail`).",
  },
  siteId: {
    config: "comm100:siteId",
    env: "COMM100_SITE_ID",
    kind: "connection",
    secret: false,
    defaultValue: undefined,
    meaning: "Your numeric Comm100 site id, with `agentEmail` and `apiKey`.",
  },
  requestTimeoutMs: {
    config: "comm100:requestTimeoutMs",
    env: "COMM100_REQUEST_TIMEOUT_MS",
    kind: "wholeNumber",
    min: 1,
    secret: false,
    defaultValue: 30_000,
    meaning: "How long one request may take, in milliseconds.",
  },
  maxRetries: {
    config: "comm100:maxRetries",
    env: "COMM100_MAX_RETRIES",
    kind: "wholeNumber",
    min: 0,
    secret: false,
    defaultValue: 5,
    meaning:
      "How often a call that is safe to repeat is retried. A server that never answers fails after (retries + 1) × timeout plus the backoff: over 3 minutes with the defaults, as the error says.",
  },
  retryBaseDelayMs: {
    config: "comm100:retryBaseDelayMs",
    env: "COMM100_RETRY_BASE_DELAY_MS",
    kind: "wholeNumber",
    min: 0,
    secret: false,
    defaultValue: 250,
    meaning: "The first retry's delay in milliseconds, doubled each retry.",
  },
  createSettleMs: {
    config: "comm100:createSettleMs",
    env: "COMM100_CREATE_SETTLE_MS",
    kind: "wholeNumber",
    min: 0,
    secret: false,
    defaultValue: 60_000,
    meaning:
      "After a create whose outcome is unknown (timeout, lost answer, 5xx), how long from sending it the account is still looked at for the webhook before the create is sent again. A server that commits a create within this time never gets it twice.",
  },
  adoptExisting: {
    config: "comm100:adoptExisting",
    env: "COMM100_ADOPT_EXISTING",
    kind: "boolean",
    secret: false,
    defaultValue: false,
    meaning:
      "Creates adopt an identical existing webhook instead of refusing to double it. Set it for one run, to recover after a `pulumi up` that was killed outright.",
  },
  ledgerDir: {
    config: undefined,
    env: "COMM100_LEDGER_DIR",
    kind: "folder",
    secret: false,
    defaultValue: undefined,
    meaning:
      "The folder where the calls answered in the last 5 minutes are counted (default `<temp folder>/pulumi-comm100-<uid>`), so that commands run back to back share Comm100's quota: one file per API host, removed after a day unused. When it cannot be written, each process counts its own calls and one warning names the folder: set this variable to a folder you can write.",
  },
} as const;

/** The name of one setting, e.g. `"baseUrl"`. */
export type SettingName = keyof typeof settings;

/** The settings that say which account to reach and how to authenticate. */
export const connectionSettingNames = [
  "baseUrl",
  "accessToken",
  "agentEmail",
  "apiKey",
  "siteId",
] as const;

/** How the provider behaves, read from stack config or the environment. */
export interface Tuning {
  requestTimeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  createSettleMs: number;
  adoptExisting: boolean;
}

/** Reads one stack config key (`comm100:...`), `undefined` when it is not set. */
export type ConfigReader = (key: string) => string | undefined;

/**
 * The tuning settings from stack config, else the environment, else their defaults. Throws,
 * naming the config key or variable it read, on a value of the wrong kind.
 */
export function tuningFrom(getConfig: ConfigReader, env: NodeJS.ProcessEnv): Tuning {
  const read = <N extends keyof Tuning>(name: N) => {
    const setting = settings[name];
    const fromConfig = getConfig(setting.config);
    const raw = fromConfig ?? env[setting.env];
    const source = fromConfig !== undefined ? setting.config : setting.env;
    if (raw === undefined || raw.trim() === "") return setting.defaultValue as Tuning[N];
    return (
      setting.kind === "boolean"
        ? parseBoolean(source, raw)
        : parseWholeNumber(source, raw, setting.min)
    ) as Tuning[N];
  };
  return {
    requestTimeoutMs: read("requestTimeoutMs"),
    maxRetries: read("maxRetries"),
    retryBaseDelayMs: read("retryBaseDelayMs"),
    createSettleMs: read("createSettleMs"),
    adoptExisting: read("adoptExisting"),
  };
}

/** The tuning of a process that read no stack config and no environment. */
export const defaultTuning: Tuning = tuningFrom(() => undefined, {});

function parseWholeNumber(source: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${source} must be a whole number of at least ${min}; got "${raw}"`);
  }
  return value;
}

function parseBoolean(source: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw new Error(`${source} must be "true" or "false"; got "${raw}"`);
}
