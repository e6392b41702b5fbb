import { comm100RateLimit } from "../provider/core/api/rateLimiter";

/** Comm100's quota, as the provider defines it: 300 calls per 5 minutes. */
export const quota = comm100RateLimit;

/** The most calls within any `quota.windowMs` (`times` in ms, any order). */
export function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= quota.windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * Calls over the quota when each window starts at the first call after the previous window
 * closed, as the emulator counts (Comm100 does not document its window).
 */
export function overFixedWindowQuota(times: number[]): number {
  let over = 0;
  let windowStart = -Infinity;
  let count = 0;
  for (const time of [...times].sort((a, b) => a - b)) {
    if (time - windowStart >= quota.windowMs) {
      windowStart = time;
      count = 0;
    }
    count++;
    if (count > quota.max) over++;
  }
  return over;
}
