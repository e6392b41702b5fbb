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
