import type { AxiosError } from "axios";
import { settings, type SettingName } from "../settings/settings";
import { formatDuration } from "../text/formatDuration";
import { redact } from "../text/redact";
import { Comm100ApiError, type Operation } from "./comm100ApiError";
import { isQuotaExceeded, parseErrorBody } from "./errorBody";
import { comm100RateLimit } from "./rateLimiter";

/** How a failed call went: how often it was sent, and how long it took in all. */
export interface CallHistory {
  /** The first try plus the retries. */
  attempts: number;
  /** From the first try until the last one failed, waits for the rate limit included. */
  elapsedMs: number;
}

/**
 * Turns an axios failure into one line a user can act on: the operation, the HTTP status,
 * Comm100's code and message, how often and how long it was tried, and a hint. Every string of
 * `secrets` is masked.
 */
export function toComm100ApiError(
  error: AxiosError,
  operation: Operation,
  secrets: readonly string[],
  history: CallHistory,
): Comm100ApiError {
  const status = error.response?.status;
  const body = error.response?.data;
  const { code, message } = parseErrorBody(body);
  const timedOut = !status && isTimeout(error);
  const what = status
    ? `HTTP ${status}${code || message ? ` (${[code, message].filter(Boolean).join(": ")})` : ""}`
    : `no response: ${networkProblem(error)}`;
  const tries =
    history.attempts > 1 || timedOut
      ? `; tried ${times(history.attempts)} over ${formatDuration(history.elapsedMs)}`
      : "";
  const hint = timedOut ? timeoutHint : hintFor(status, body);
  const text = `Comm100 API: ${operation} failed: ${what}${tries}${hint ? `. ${hint}` : ""}`;
  const outcomeUnknown = status === undefined || status >= 500;
  return new Comm100ApiError(redact(text, secrets), {
    operation,
    status,
    comm100Code: code,
    outcomeUnknown,
  });
}

const timeoutHint =
  `To fail sooner, lower ${bothNames("requestTimeoutMs")} (the wait for ` +
  `each try) or ${bothNames("maxRetries")} (the tries after the first); if the ` +
  "API is only slow, raise the timeout instead";

/** A setting as a user may give it: `comm100:key / COMM100_KEY`. */
function bothNames(name: SettingName): string {
  return `${settings[name].config} / ${settings[name].env}`;
}

function isTimeout(error: AxiosError): boolean {
  return error.code === "ECONNABORTED" || error.code === "ETIMEDOUT";
}

function networkProblem(error: AxiosError): string {
  if (isTimeout(error)) {
    const timeoutMs = error.config?.timeout;
    return timeoutMs ? `no answer within ${formatDuration(timeoutMs)}` : "the request timed out";
  }
  if (error.code === "ECONNREFUSED") return `connection refused: check ${settings.baseUrl.config}`;
  if (error.code === "ENOTFOUND")
    return `host not found: check ${settings.baseUrl.config} (apiNN.comm100.io)`;
  return `${error.code ?? "network error"}: ${error.message}`;
}

function times(count: number): string {
  return count === 1 ? "once" : `${count} times`;
}

/** Comm100's quota as the hint states it, e.g. `300 calls per 5 minutes`. */
const quotaText = `${comm100RateLimit.max} calls per ${comm100RateLimit.windowMs / 60_000} minutes`;

function hintFor(status: number | undefined, body: unknown): string | undefined {
  if (status === 401) {
    return (
      "Check the credentials (an access token expires; API keys need agentEmail and siteId) and that the base URL matches your data centre (apiNN.comm100.io, as in your Control Panel host dashNN). " +
      "After changing credentials in stack config, run `pulumi up` or add --run-program to refresh and destroy: they otherwise use the settings of the last deployment"
    );
  }
  if (status === 400) {
    return `Comm100 rejected the request as invalid: check the webhook's event and targetUrl (and ${settings.siteId.config} with API-key authentication)`;
  }
  if (isQuotaExceeded(status, body)) {
    return `The API quota (${quotaText}) is exhausted: wait a few minutes and run again`;
  }
  if (status === 403) {
    return 'The agent needs the "Manage Integration" permission (Control Panel > Agents), or the site id does not match the credentials';
  }
  if (status === 429) return "Too many requests: wait a few minutes and run again";
  if (status === 404)
    return "The webhook does not exist in this account (deleted outside Pulumi, or do the settings now name another account?): run `pulumi refresh`";
  if (status !== undefined && status >= 500) return "Comm100 had a server error: run again later";
  return undefined;
}
