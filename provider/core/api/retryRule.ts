import { isQuotaExceeded } from "./errorBody";

/** Whether a failure surely left the server untouched, so that any call may be sent again. */
export function isRejectedBeforeProcessing(status: number | undefined, body: unknown): boolean {
  return status === 429 || isQuotaExceeded(status, body);
}
