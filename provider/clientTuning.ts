import type { ClientOptions } from "./client";

const settings = [
  {
    option: "timeoutMs",
    config: "comm100:requestTimeoutMs",
    env: "COMM100_REQUEST_TIMEOUT_MS",
    min: 1,
  },
  { option: "maxRetries", config: "comm100:maxRetries", env: "COMM100_MAX_RETRIES", min: 0 },
  {
    option: "retryBaseDelayMs",
    config: "comm100:retryBaseDelayMs",
    env: "COMM100_RETRY_BASE_DELAY_MS",
    min: 0,
  },
] as const;

/**
 * Client tuning from stack config (`comm100:requestTimeoutMs`, `comm100:maxRetries`,
 * `comm100:retryBaseDelayMs`), else the matching `COMM100_*` environment variables.
 * Throws, naming the setting, on a value that is not a whole number.
 */
export function clientTuning(
  getConfig: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv,
): ClientOptions {
  const options: ClientOptions = {};
  for (const setting of settings) {
    const value = wholeNumberSetting(getConfig, env, setting);
    if (value !== undefined) options[setting.option] = value;
  }
  return options;
}

/**
 * How long, in milliseconds, after an unconfirmed create (timeout, lost answer, 5xx) the account
 * is still looked at for the webhook before the create is sent again: stack config
 * `comm100:createSettleMs`, else `COMM100_CREATE_SETTLE_MS`, else {@link defaultCreateSettleMs}.
 */
export function createSettleSetting(
  getConfig: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv,
): number {
  const setting = { config: "comm100:createSettleMs", env: "COMM100_CREATE_SETTLE_MS", min: 0 };
  return wholeNumberSetting(getConfig, env, setting) ?? defaultCreateSettleMs;
}

/** A create that commits up to this long after it was sent is never doubled (by default). */
export const defaultCreateSettleMs = 60_000;

function wholeNumberSetting(
  getConfig: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv,
  setting: { config: string; env: string; min: number },
): number | undefined {
  const fromConfig = getConfig(setting.config);
  const raw = fromConfig ?? env[setting.env];
  if (raw === undefined || raw === "") return undefined;
  const name = fromConfig !== undefined ? setting.config : setting.env;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < setting.min) {
    throw new Error(`${name} must be a whole number of at least ${setting.min}; got "${raw}"`);
  }
  return value;
}
