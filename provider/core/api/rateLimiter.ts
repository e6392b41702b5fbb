import { MemoryLedger, type CallLedger } from "./callLedger";

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
 * slows down instead of running into Comm100's quota. A call counts from when it is sent until
 * `windowMs` after it was answered: the server counted it on arrival, which is no later than
 * that, so our window never closes before the server's does. Answered calls are kept in a
 * ledger, which may be shared with other processes. Callers are served in order.
 */
export class SlidingWindowLimiter {
  private inFlight: number;
  private queue: Promise<unknown>;

  constructor(
    private readonly limit: RateLimit,
    private readonly ledger: CallLedger = new MemoryLedger(),
    private readonly now: () => number = Date.now,
  ) {
    this.inFlight = 0;
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
      const answered = this.ledger.answeredSince(now - this.limit.windowMs);
      if (answered.length + this.inFlight < this.limit.max) {
        this.inFlight++;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          this.inFlight--;
          this.ledger.record(this.now());
        };
      }
      const wait =
        answered.length > 0
          ? Math.max(1, Math.min(...answered) + this.limit.windowMs - now)
          : pollMs;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
