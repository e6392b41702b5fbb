/** A budget of calls: at most `max` in any `windowMs`. Comm100 allows 300 per 5 minutes. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Comm100's documented limit: 300 calls per 5 minutes per client. */
export const comm100RateLimit: RateLimit = { max: 300, windowMs: 5 * 60 * 1000 };

/**
 * A sliding-window limiter: `acquire()` resolves when one more call fits the budget, so a run
 * slows down instead of running into Comm100's quota. Callers are served in order.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until a call fits the budget, then counts it. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn;
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0] <= now - this.limit.windowMs) this.sent.shift();
      if (this.sent.length < this.limit.max) {
        this.sent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.sent[0] + this.limit.windowMs - now));
    }
  }
}
