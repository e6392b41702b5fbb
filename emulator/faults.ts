import { ApiError, errorCodes } from "./errors";
import { quotaExceeded, tooManyRequests } from "./rateLimit";

/**
 * What an injected fault does to a chosen API request:
 * - `"500"` / `"503"`: that status with a JSON error; the request is not applied.
 * - `"429"`: 429 with `Retry-After: 1`; not applied.
 * - `"quota"`: Comm100's 403 quota-exceeded answer; not applied.
 * - `"reset"`: the connection is destroyed before the request is processed; not applied.
 * - `"lostResponse"`: the request IS applied, then the connection is destroyed before any
 *   response byte is sent.
 * - `"lateCommit"`: the request IS applied, `lateCommitMs` after it arrived, even when the client
 *   has given up and closed the connection meanwhile; an open connection then gets the normal
 *   answer (a POST that commits after the client's timeout).
 */
export const faultKinds = [
  "500",
  "503",
  "429",
  "quota",
  "reset",
  "lostResponse",
  "lateCommit",
] as const;

/** One kind of injected fault. */
export type FaultKind = (typeof faultKinds)[number];

/** Which API requests fail, and how. */
export interface FaultConfig {
  /** Probability (0..1) that an eligible request is chosen. */
  rate: number;
  /** The faults a chosen request gets, one picked at random; empty means "only slow down". */
  kinds: FaultKind[];
  /** PRNG seed: the same seed and request sequence give the same faults. Default: random. */
  seed?: number;
  /** HTTP methods eligible for faults (e.g. `["POST"]`). Default: every method. */
  methods?: string[];
  /**
   * Delay in milliseconds added to each chosen request before its fault. Default 0. Not added to
   * `"lateCommit"`, whose delay is `lateCommitMs`.
   */
  slowMs?: number;
  /** How long after its arrival a `"lateCommit"` request is applied, in milliseconds. Default 1500. */
  lateCommitMs?: number;
  /**
   * How many faults to inject before stopping. With `rate: 1`, exactly the next `count` eligible
   * requests get one. Default: no limit.
   */
  count?: number;
}

/** `lateCommitMs` when the configuration does not say. */
const defaultLateCommitMs = 1500;

/**
 * The fault a chosen request gets; `"slow"` when it is only delayed. `delayMs` is the wait before
 * the fault, except for `"lateCommit"`: the time from arrival to commit.
 */
export interface FaultDecision {
  kind: FaultKind | "slow";
  delayMs: number;
}

/** mulberry32: a tiny deterministic PRNG giving floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The error answer for faults that reply instead of dropping the connection. */
export function faultError(kind: "500" | "503" | "429" | "quota"): ApiError {
  switch (kind) {
    case "500":
      return new ApiError(500, errorCodes.internal, "Internal server error (injected fault).");
    case "503":
      return new ApiError(503, errorCodes.unavailable, "Service unavailable (injected fault).");
    case "429":
      return tooManyRequests(1);
    case "quota":
      return quotaExceeded();
  }
}

/** Holds the active fault configuration and decides, request by request, who gets a fault. */
export class FaultInjector {
  private config?: FaultConfig & { seed: number };
  private random: () => number = Math.random;
  /** Faults still to inject under `config.count`; Infinity without a count. */
  private remaining = Infinity;

  /** Activates `config` (restarting its PRNG) and returns it with the seed actually used. */
  set(config: FaultConfig): FaultConfig & { seed: number } {
    const seed = config.seed ?? Math.floor(Math.random() * 2 ** 32);
    const methods = config.methods?.map((method) => method.toUpperCase());
    this.config = { ...config, seed, ...(methods && { methods }) };
    this.random = mulberry32(seed);
    this.remaining = config.count ?? Infinity;
    return this.config;
  }

  /** Turns faults off. */
  clear(): void {
    this.config = undefined;
  }

  /** The fault for the next request with this method, or undefined when it proceeds normally. */
  decide(method: string): FaultDecision | undefined {
    const config = this.config;
    if (
      !config ||
      this.remaining <= 0 ||
      (config.methods && !config.methods.includes(method.toUpperCase()))
    ) {
      return undefined;
    }
    if (this.random() >= config.rate) return undefined;
    const kind =
      config.kinds.length > 0
        ? config.kinds[Math.floor(this.random() * config.kinds.length)]
        : ("slow" as const);
    const delayMs =
      kind === "lateCommit" ? (config.lateCommitMs ?? defaultLateCommitMs) : (config.slowMs ?? 0);
    if (kind === "slow" && delayMs === 0) return undefined;
    this.remaining -= 1;
    return { kind, delayMs };
  }
}
