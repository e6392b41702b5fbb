import type { AxiosError } from "axios";
import { describe, expect, it } from "vitest";
import { Comm100ApiError } from "../../provider/core/api/comm100ApiError";
import { isQuotaExceeded, parseErrorBody } from "../../provider/core/api/errorBody";
import { toComm100ApiError } from "../../provider/core/api/failureMessage";
import { isRejectedBeforeProcessing } from "../../provider/core/api/retryRule";
import { formatDuration } from "../../provider/core/text/formatDuration";
import { redact } from "../../provider/core/text/redact";

const token = "never-printed-token+/=";
const once = { attempts: 1, elapsedMs: 120 };

/** An axios failure as the client sees it: an HTTP answer, or a network error `code`. */
function failure(
  answer: { status: number; data?: unknown } | { code: string; message?: string; timeout?: number },
): AxiosError {
  if ("status" in answer) return { response: answer, message: "Request failed" } as AxiosError;
  const { code, message = code, timeout } = answer;
  return { code, message, config: { timeout } } as unknown as AxiosError;
}

describe("Comm100 error bodies", () => {
  it.each([
    ["code and message", { code: "400001", message: "Invalid event" }],
    ["Code and Message", { Code: "400001", Message: "Invalid event" }],
    ["errorCode and errorMessage", { errorCode: 400001, errorMessage: "Invalid event" }],
    ["ErrorCode and ErrorMessage", { ErrorCode: "400001", ErrorMessage: "Invalid event" }],
    ["a nested error", { error: { Code: "400001", Message: "Invalid event" } }],
    ["JSON text", '{"error":{"code":"400001","message":"Invalid event"}}'],
  ])("give their code and message when written with %s", (_shape, body) => {
    expect(parseErrorBody(body)).toEqual({ code: "400001", message: "Invalid event" });
  });

  it("give an OAuth-style error string as the message, and nothing for an empty body", () => {
    expect(parseErrorBody({ error: "invalid_token" })).toEqual({ message: "invalid_token" });
    expect(parseErrorBody("upstream connect error")).toEqual({ message: "upstream connect error" });
    for (const body of [undefined, null, "", " ", 42, []]) expect(parseErrorBody(body)).toEqual({});
  });

  it.each([
    [
      "a title spread over lines, with entities",
      "<!DOCTYPE html>\n<html><head><title>\n  Service &amp; API\n  Unavailable &#8212; try later\n</title>",
      'an HTML page titled "Service & API Unavailable — try later"',
    ],
    [
      "no title but a heading",
      "<html><body><h2 class='x'>Gateway <b>Timeout</b></h2><p>The upstream did not answer.</p></body></html>",
      'an HTML page titled "Gateway Timeout"',
    ],
    [
      "an empty title and no heading",
      "<html><head><title> </title></head><body><p>Oops</p></body></html>",
      "an HTML page without a title",
    ],
    [
      "a title of 300 characters",
      `<html><head><title>${"Bad gateway, ".repeat(23)}</title></head></html>`,
      `an HTML page titled "${"Bad gateway, ".repeat(23).slice(0, 97)}..."`,
    ],
  ])("summarize an HTML page with %s", (_case, page, summary) => {
    expect(parseErrorBody(page)).toEqual({ message: summary });
  });
});

describe("which failures left the server untouched", () => {
  const quota = { message: "API quota exceeded" };
  const permission = { code: "403001", message: "Permission denied" };

  it("a 403 is the quota only when its message says so, not a missing permission", () => {
    for (const message of ["API quota exceeded", "Rate limit reached", "Too many requests"]) {
      expect(isQuotaExceeded(403, { message })).toBe(true);
    }
    expect(isQuotaExceeded(403, permission)).toBe(false);
    expect(isQuotaExceeded(429, quota)).toBe(false);
  });

  it("a 429 or the quota's 403 may be sent again; a permission 403, a 5xx or no answer may not", () => {
    expect(isRejectedBeforeProcessing(429, undefined)).toBe(true);
    expect(isRejectedBeforeProcessing(403, quota)).toBe(true);
    expect(isRejectedBeforeProcessing(403, permission)).toBe(false);
    expect(isRejectedBeforeProcessing(500, quota)).toBe(false);
    expect(isRejectedBeforeProcessing(undefined, undefined)).toBe(false);
  });
});

describe("text shown to users", () => {
  it("masks every secret, as it is and URL-encoded, but not strings under 4 characters", () => {
    const text = `Bearer ${token} ?key=${encodeURIComponent(token)} abc ${token}`;
    expect(redact(text, [token, "abc"])).toBe("Bearer *** ?key=*** abc ***");
  });

  it.each([
    [850, "850 ms"],
    [4_230, "4.2 s"],
    [30_000, "30 s"],
    [201_400, "3 min 21 s"],
  ])("writes a duration of %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("a failed Comm100 API call", () => {
  it("says the operation, the HTTP status, Comm100's code and message, and what to do", () => {
    const error = toComm100ApiError(
      failure({ status: 403, data: { code: "403001", message: "Permission denied" } }),
      "delete webhook",
      [token],
      once,
    );

    expect(error).toBeInstanceOf(Comm100ApiError);
    expect(error.message).toBe(
      'Comm100 API: delete webhook failed: HTTP 403 (403001: Permission denied). The agent needs the "Manage Integration" permission (Control Panel > Agents), or the site id does not match the credentials',
    );
    expect(error).toMatchObject({
      name: "Comm100ApiError",
      operation: "delete webhook",
      status: 403,
      comm100Code: "403001",
      outcomeUnknown: false,
    });
  });

  it.each([
    [400, {}, "Comm100 rejected the request as invalid: check the webhook's event and targetUrl"],
    [401, {}, "Check the credentials (an access token expires"],
    [403, { message: "Quota exceeded" }, "The API quota (300 calls per 5 minutes) is exhausted"],
    [404, {}, "The webhook does not exist in this account"],
    [429, {}, "Too many requests: wait a few minutes and run again"],
    [503, {}, "Comm100 had a server error: run again later"],
  ])("answered with HTTP %i gives the hint for it", (status, data, hint) => {
    const error = toComm100ApiError(failure({ status, data }), "read webhook", [], once);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`. ${hint}`);
    expect(error.outcomeUnknown).toBe(status >= 500);
  });

  it.each([
    [{ code: "ECONNREFUSED" }, "no response: connection refused: check comm100:baseUrl"],
    [{ code: "ENOTFOUND" }, "no response: host not found: check comm100:baseUrl (apiNN"],
    [{ code: "ECONNRESET", message: "socket hang up" }, "no response: ECONNRESET: socket hang up"],
    [{ code: "ETIMEDOUT" }, "no response: the request timed out; tried once over 120 ms. To fail"],
    [{ code: "ECONNABORTED", timeout: 2000 }, "no response: no answer within 2 s; tried once"],
  ])("without an answer (%j) says why and may have taken effect", (network, text) => {
    const error = toComm100ApiError(failure(network), "create webhook", [], once);
    expect(error.message).toContain(`Comm100 API: create webhook failed: ${text}`);
    expect(error).toMatchObject({ status: undefined, outcomeUnknown: true });
  });

  it("says how often and how long it was tried when it was retried", () => {
    const error = toComm100ApiError(failure({ status: 418 }), "list webhooks", [], {
      attempts: 3,
      elapsedMs: 4230,
    });
    expect(error.message).toBe(
      "Comm100 API: list webhooks failed: HTTP 418; tried 3 times over 4.2 s",
    );
  });

  it.each([
    [{ status: 401, data: { message: `Invalid token ${token}` } }, "HTTP 401 (Invalid token ***)"],
    [{ code: "ECONNRESET", message: `reset at /?t=${encodeURIComponent(token)}` }, "at /?t=***"],
  ])("masks the credentials Comm100 or the network echoed (%j)", (answer, shown) => {
    const error = toComm100ApiError(failure(answer), "list webhooks", [token], once);
    expect(error.message).toContain(shown);
    expect(error.message).not.toContain("never-printed");
  });

  it("built by hand carries its details, not known to have taken effect unless said", () => {
    expect(new Comm100ApiError("gone", { operation: "read webhook" })).toMatchObject({
      message: "gone",
      operation: "read webhook",
      status: undefined,
      comm100Code: undefined,
      outcomeUnknown: false,
    });
  });
});
