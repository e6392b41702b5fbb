import type { QuotaCheck, QuotaFigures, Results, Settings, StepFigures } from "./benchFigures";
import type { Machine } from "./machine";
import { busiestWindow, overFixedWindowQuota } from "./quota";
import { steps, type StateFigures, type StepSample } from "./sequence";
import { variants } from "./variants";
import { targets } from "./verdicts";

/** Aggregates every measurement of a bench run into its figures and the targets' verdicts. */
export function summarize(
  machine: Machine,
  settings: Settings,
  samples: StepSample[],
  state: StateFigures[],
  timing: { totalSeconds: number; setupSeconds: number },
  quotaCheck?: QuotaCheck,
): Results {
  const figures = stepFigures(samples, settings.sizes);
  return {
    machine,
    settings,
    totalSeconds: Math.round(timing.totalSeconds),
    setupSeconds: Math.round(timing.setupSeconds),
    steps: figures,
    state,
    quota: quotaOf(samples),
    ...(quotaCheck ? { quotaCheck } : {}),
    targets: targets(figures, state, samples, settings.sizes, quotaCheck),
    samples: samples.map(({ callTimes: _callTimes, ...sample }) => sample),
  };
}

function stepFigures(samples: StepSample[], sizes: number[]): StepFigures[] {
  const rows: StepFigures[] = [];
  for (const n of sizes) {
    for (const step of steps) {
      const row: StepFigures = {
        n,
        step: step.name,
        label: step.label,
        variants: {},
        toFloor: {},
      };
      for (const variant of variants) {
        const runs = samples.filter(
          (s) => s.n === n && s.step === step.name && s.variant === variant.name,
        );
        if (runs.length === 0) continue;
        const rss = runs.flatMap((run) => run.providerPeakRssMb ?? []);
        const cpu = runs.flatMap((run) => run.providerCpuSeconds ?? []);
        row.variants[variant.name] = {
          medianMs: median(runs.map((run) => run.wallMs)),
          samplesMs: runs.map((run) => run.wallMs),
          calls: runs.map((run) => run.calls),
          callsByRoute: runs[0].callsByRoute,
          ...(rss.length > 0 ? { providerPeakRssMb: round1(median(rss)) } : {}),
          ...(cpu.length > 0 ? { providerCpuSeconds: round2(median(cpu)) } : {}),
          ok: runs.every((run) => run.ok),
        };
      }
      const floor = row.variants.floor;
      for (const { name } of variants) {
        const figures = row.variants[name];
        if (floor && figures && name !== "floor") {
          row.toFloor[name] = round2(figures.medianMs / floor.medianMs);
        }
      }
      rows.push(row);
    }
  }
  return rows;
}

function quotaOf(samples: StepSample[]): QuotaFigures {
  const sequences: QuotaFigures["sequences"] = [];
  const keyOf = (s: StepSample) => `${s.variant} ${s.n} ${s.repeat}`;
  for (const key of new Set(samples.map(keyOf))) {
    const sequence = samples.filter((s) => keyOf(s) === key);
    const times = sequence.flatMap((s) => s.callTimes);
    if (times.length === 0) continue;
    sequences.push({
      variant: sequence[0].variant,
      n: sequence[0].n,
      repeat: sequence[0].repeat,
      calls: times.length,
      busiestWindow: busiestWindow(times),
      overQuota: overFixedWindowQuota(times),
    });
  }
  return {
    maxCallsPerRunWindow: Math.max(0, ...samples.map((s) => busiestWindow(s.callTimes))),
    rateLimited: samples.reduce((sum, s) => sum + s.rateLimited, 0),
    sequences,
  };
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function median(values: number[]): number {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
