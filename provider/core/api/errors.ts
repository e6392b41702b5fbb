import type { AxiosError } from "axios";
import { settings, type SettingName } from "../settings/settings";
import { htmlPageSummary } from "./htmlPage";

/** What the provider was doing when a Comm100 API call failed, for the message. */
export type Operation =
  "list webhooks" | "read webhook" | "create webhook" | "update webhook" | "delete webhook";

/** The structured fields of a {@link Comm100ApiError}. */
export interface Comm100ApiErrorDetails {
  /** The operation that failed. */
  operation: Operation;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** Comm100's own error code, when its body had one. */
  comm100Code?: string;
  /** Whether the request may have taken effect although no success was seen (default false). */
  outcomeUnknown?: boolean;
}

/** A failed Comm100 API call, with the structured fields callers branch on. */
export class Comm100ApiError extends Error {
  override readonly name = "Comm100ApiError";
  /** The operation that failed. */
  readonly operation: Operation;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Comm100's own error code, when its body had one. */
  readonly comm100Code: string | undefined;
  /** Whether the request may have taken effect although no success was seen. */
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: Comm100ApiErrorDetails) {
    super(message);
    this.operation = details.operation;
    this.status = details.status;
    this.comm100Code = details.comm100Code;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/** The code and message Comm100 put in an error body, in any of its known shapes. */
export function parseErrorBody(body: unknown): { code?: string; message?: string } {
  if (typeof body === "string") {
    try {
      return parseErrorBody(JSON.parse(body));
    } catch {
      return { message: htmlPageSummary(body) ?? (body.trim().slice(0, 300) || undefined) };
    }
  }
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  if (record.error && typeof record.error === "object") return parseErrorBody(record.error);
  const code = record.code ?? record.Code ?? record.errorCode ?? record.ErrorCode;
  const message =
    record.message ?? record.Message ?? record.errorMessage ?? record.ErrorMessage ?? record.error;
  return {
    code: typeof code === "string" || typeof code === "number" ? String(code) : undefined,
    message: typeof message === "string" ? message : undefined,
  };
}

/** Whether a response is Comm100's "quota exceeded" (403), as opposed to a missing permission. */
export function isQuotaExceeded(status: number | undefined, body: unknown): boolean {
  return status === 403 && /quota|rate limit|too many/i.test(parseErrorBody(body).message ?? "");
}

/** Whether a failure surely left the server untouched, so that any call may be sent again. */
export function isRejectedBeforeProcessing(status: number | undefined, body: unknown): boolean {
  return status === 429 || isQuotaExceeded(status, body);
}

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

/** A duration as a person reads it: `850 ms`, `4.2 s`, `3 min 21 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

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
    return "The API quota (300 calls per 5 minutes) is exhausted: wait a few minutes and run again";
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

/** `text` with every secret (and its URL-encoded form) replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join("***");
    }
  }
  return result;
}
