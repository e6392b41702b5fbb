import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryLedger } from "../../provider/core/api/callLedger";
import { comm100RateLimit, SlidingWindowLimiter } from "../../provider/core/api/rateLimiter";

const budget = { max: 3, windowMs: 1000 };

/** A limiter on the fake clock, with its ledger. */
function limiterOf(limit = budget, ledger = new MemoryLedger()) {
  return { limiter: new SlidingWindowLimiter(limit, ledger, () => Date.now()), ledger };
}

/** Whether `promise` has resolved yet, and with what. */
function watch<T>(promise: Promise<T>): { done: boolean; value?: T } {
  const state: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => Object.assign(state, { done: true, value }));
  return state;
}

/** `count` calls of `limiter` acquired at once, as concurrent resources do. */
function acquireMany(limiter: SlidingWindowLimiter, count: number) {
  return Array.from({ length: count }, () => watch(limiter.acquire()));
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the client-side rate limit", () => {
  it("budgets Comm100's documented 300 calls per 5 minutes, holding the 301st", async () => {
    const { limiter } = limiterOf(comm100RateLimit);
    const calls = acquireMany(limiter, 301);
    await vi.advanceTimersByTimeAsync(0);

    expect(comm100RateLimit).toEqual({ max: 300, windowMs: 300_000 });
    expect(calls.filter((call) => call.done)).toHaveLength(300);
    expect(calls[300].done).toBe(false);
  });

  it("holds a call while the budget is full of unanswered calls, however long they take", async () => {
    const { limiter } = limiterOf();
    const [, , , fourth] = acquireMany(limiter, 4);

    await vi.advanceTimersByTimeAsync(10 * budget.windowMs);

    expect(fourth.done).toBe(false);
  });

  it("counts an answered call until a whole window after its answer", async () => {
    const { limiter, ledger } = limiterOf();
    const [first, , , fourth] = acquireMany(limiter, 4);
    await vi.advanceTimersByTimeAsync(2500);
    first.value?.();

    expect(ledger.answeredSince(0)).toEqual([2500]);
    await vi.advanceTimersByTimeAsync(budget.windowMs - 1);
    expect(fourth.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth.done).toBe(true);
  });

  it("counts a call once however often its answer is reported", async () => {
    const { limiter, ledger } = limiterOf({ max: 2, windowMs: 1000 });
    const [first, , third] = acquireMany(limiter, 3);
    await vi.advanceTimersByTimeAsync(0);
    first.value?.();
    first.value?.();

    await vi.advanceTimersByTimeAsync(999);

    expect(ledger.answeredSince(-1)).toEqual([0]);
    expect(third.done).toBe(false);
  });

  it("counts the calls other processes recorded in a shared ledger", async () => {
    vi.setSystemTime(600);
    const { limiter } = limiterOf({ max: 2, windowMs: 1000 }, new MemoryLedger([0, 500]));
    const [call] = acquireMany(limiter, 1);

    await vi.advanceTimersByTimeAsync(399);
    expect(call.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.done).toBe(true);
  });

  it("serves concurrent callers in the order they asked, each as room frees up", async () => {
    const { limiter } = limiterOf({ max: 1, windowMs: 1000 });
    const served: string[] = [];
    const callers = ["a", "b", "c"].map(async (name) => {
      const answered = await limiter.acquire();
      served.push(`${name} at ${Date.now()}`);
      answered();
    });

    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(callers);

    expect(served).toEqual(["a at 0", "b at 1000", "c at 2000"]);
  });
});
