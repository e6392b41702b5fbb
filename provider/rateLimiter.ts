/** A budget of calls: at most `max` in any `windowMs`. Comm100 allows 300 per 5 minutes. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Comm100's documented limit: 300 calls per 5 minutes per client. */
export const comm100RateLimit: RateLimit = { max: 300, windowMs: 5 * 60 * 1000 };

/** How often a full limiter looks again while every counted call is still unanswered. */
const pollMs = 25;

/**
 * A sliding-window limiter: `acquire()` resolves when one more call fits the budget, so a run
 * slows down instead of running into Comm100's quota. A call counts until `windowMs` after it
 * was answered: the server counted it on arrival, which is no later than that, so our window
 * never closes before the server's does. Callers are served in order.
 */
export class SlidingWindowLimiter {
  private readonly calls: { answeredAt: number }[];
  private queue: Promise<unknown>;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.calls = [];
    this.queue = Promise.resolve();
  }

  /** Waits until a call fits the budget, counts it, and returns what to call once answered. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn;
    return turn;
  }

  private async waitForRoom(): Promise<() => void> {
    for (;;) {
      const now = this.now();
      const expired = (call: { answeredAt: number }) =>
        call.answeredAt <= now - this.limit.windowMs;
      for (let i = this.calls.length - 1; i >= 0; i--) {
        if (expired(this.calls[i])) this.calls.splice(i, 1);
      }
      if (this.calls.length < this.limit.max) {
        const call = { answeredAt: Infinity };
        this.calls.push(call);
        return () => {
          call.answeredAt = this.now();
        };
      }
      const firstFree = Math.min(
        ...this.calls.map((call) => call.answeredAt + this.limit.windowMs),
      );
      const wait = Number.isFinite(firstFree) ? Math.max(1, firstFree - now) : pollMs;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
