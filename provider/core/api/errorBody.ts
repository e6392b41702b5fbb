import { htmlPageSummary } from "./htmlPage";

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
