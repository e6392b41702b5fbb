import { ApiError, errorCodes } from "./errors";

/** How many API calls one client may make, and how an excess call is answered. */
export interface RateLimitOptions {
  /** Calls allowed per window. Default 300 (Comm100's documented limit). */
  max: number;
  /** Window length in milliseconds. Default 300000 (5 minutes). */
  windowMs: number;
  /**
   * `"quota403"` (default) answers like Comm100: 403 with a quota-exceeded code;
   * `"status429"` answers 429 with a `Retry-After` header in seconds, like a proxy would.
   */
  mode: "quota403" | "status429";
}

/** Comm100's documented limit: 300 calls per 5 minutes per client IP, answered 403. */
export const defaultRateLimit: RateLimitOptions = { max: 300, windowMs: 300_000, mode: "quota403" };

/** Comm100's 403 "quota exceeded" answer. */
export function quotaExceeded(): ApiError {
  return new ApiError(
    403,
    errorCodes.quotaExceeded,
    "API quota exceeded: too many calls from this client. Wait and try again later.",
  );
}

/** A 429 answer asking the client to wait `retryAfterSeconds`. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    errorCodes.tooManyRequests,
    `Too many requests: retry after ${retryAfterSeconds} s.`,
    { "Retry-After": String(retryAfterSeconds) },
  );
}

/** A fixed-window call counter per client key (the client IP). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one call by `client`; throws the configured answer when it goes over the limit. */
  hit(client: string): void {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    if (window.count <= this.options.max) return;
    if (this.options.mode === "quota403") throw quotaExceeded();
    const remainingMs = window.start + this.options.windowMs - now;
    throw tooManyRequests(Math.max(1, Math.ceil(remainingMs / 1000)));
  }

  /** Forgets every client's count. */
  reset(): void {
    this.windows.clear();
  }
}
