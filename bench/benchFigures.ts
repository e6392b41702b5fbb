import type { Machine } from "./machine";
import type { StateFigures, StepName, StepSample } from "./sequence";
import type { VariantName } from "./variants";

/** What a bench run measured: providers, sizes, repeats, emulated latency, parallelism. */
export interface Settings {
  variants: VariantName[];
  sizes: number[];
  /** How many times each size's sequence ran (the tables show the median). */
  repeats: number[];
  latencyMs: number;
  /** `pulumi --parallel`: the CLI default. */
  parallel: string;
}

/** One command at one N: the median of its repeats, for every variant. */
export interface StepFigures {
  n: number;
  step: StepName;
  label: string;
  variants: Partial<Record<VariantName, VariantFigures>>;
  /** Median time of each other variant divided by the engine floor's. */
  toFloor: Partial<Record<VariantName, number>>;
}

/** One command at one N for one variant, over its repeats. */
export interface VariantFigures {
  medianMs: number;
  samplesMs: number[];
  /** API calls of each repeat (identical when the provider is deterministic). */
  calls: number[];
  callsByRoute: Record<string, number>;
  providerPeakRssMb?: number;
  providerCpuSeconds?: number;
  /** Every repeat exited 0 and reported the expected changes. */
  ok: boolean;
}

/** One target from the issue: what is wanted, what was measured, and the verdict. */
export interface Target {
  name: string;
  /** The provider it was measured on (its label). */
  provider: string;
  target: string;
  figure: string;
  status: "pass" | "FAIL" | "by design" | "info";
  note?: string;
}

/** The measured runs against Comm100's quota of calls per 5 minutes. */
export interface QuotaFigures {
  /** The most calls any single run made in a 5-minute window. */
  maxCallsPerRunWindow: number;
  /** Calls the emulator answered 403/429 (its limit is lifted in the bench: expected 0). */
  rateLimited: number;
  /** Per provider, N and repeat: the busiest 5 minutes over one whole sequence of commands. */
  sequences: {
    variant: VariantName;
    n: number;
    repeat: number;
    calls: number;
    busiestWindow: number;
    /** Calls Comm100 would refuse (fixed 5-minute window from the first call, as the emulator). */
    overQuota: number;
  }[];
}

/**
 * The sequence of commands once more for pulumi-comm100, against an emulator that enforces
 * Comm100's quota (300 calls / 5 minutes, answered 403) instead of lifting it.
 */
export interface QuotaCheck {
  /** The provider it ran with. */
  variant: VariantName;
  n: number;
  commands: {
    step: StepName;
    label: string;
    exitCode: number;
    calls: number;
    /** Calls answered 403 quota exceeded. */
    rateLimited: number;
    wallMs: number;
    failure?: string;
  }[];
  /** The most calls in any 5 minutes of the sequence. */
  busiestWindow: number;
  /** Webhooks still in the emulator after `destroy`. */
  webhooksLeft: number;
}

/** Everything a bench run writes to bench/results/results.json. */
export interface Results {
  machine: Machine;
  settings: Settings;
  /** Wall time of the whole `npm run bench`, and of its setup (CLI check, build, warm-up). */
  totalSeconds: number;
  setupSeconds: number;
  steps: StepFigures[];
  state: StateFigures[];
  quota: QuotaFigures;
  quotaCheck?: QuotaCheck;
  targets: Target[];
  /** Every measurement, unaggregated. */
  samples: Omit<StepSample, "callTimes">[];
}
