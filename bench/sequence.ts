import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { TestStack } from "../pulumiProject/isolatedStack";
import type { RunningEmulator } from "../emulator";
import { timePulumi } from "./pulumiCommand";
import { programSource, targetUrlPrefix, type Variant, type VariantName } from "./variants";

/** The site every benchmark stack manages (the emulator's default account). */
export const siteId = "10000";

/** The measured commands, in the order one sequence runs them. */
export type StepName =
  "up-create" | "preview" | "preview-refresh" | "preview-refresh-drift" | "up-update" | "destroy";

interface StepDefinition {
  name: StepName;
  /** How the tables name it. */
  label: string;
  args: string[];
  /** The resource changes the CLI should report (Resources: section), by variant. */
  expected(n: number, variant: VariantName): Changes;
  /** Only for variants that call the API (a change made out of band needs a remote webhook). */
  apiOnly?: boolean;
}

/** Resource changes as the CLI's `Resources:` summary reports them, e.g. `{ create: 11 }`. */
export type Changes = Record<string, number>;

const applied = ["--yes", "--skip-preview", "--non-interactive"];
const previewed = ["--non-interactive"];

export const steps: readonly StepDefinition[] = [
  {
    name: "up-create",
    label: "up (create all)",
    args: ["up", ...applied],
    expected: (n) => ({ create: n + 1 }),
  },
  {
    name: "preview",
    label: "preview (no change)",
    args: ["preview", ...previewed],
    expected: (n) => ({ same: n + 1 }),
  },
  {
    name: "preview-refresh",
    label: "preview --refresh",
    args: ["preview", "--refresh", ...previewed],
    expected: (n) => ({ same: n + 1 }),
  },
  {
    name: "preview-refresh-drift",
    label: "preview --refresh, 1 changed out of band",
    args: ["preview", "--refresh", ...previewed],
    // The textbook provider has no `read`: it cannot see the change, and the bench records that.
    expected: (n, variant): Changes =>
      variant === "textbook" ? { same: n + 1 } : { update: 1, same: n },
    apiOnly: true,
  },
  {
    name: "up-update",
    label: "up (change every targetUrl)",
    args: ["up", ...applied],
    expected: (n) => ({ update: n, same: 1 }),
  },
  {
    name: "destroy",
    label: "destroy",
    args: ["destroy", ...applied],
    expected: (n) => ({ delete: n + 1 }),
  },
];

/** One run of one command. */
export interface StepSample {
  variant: VariantName;
  n: number;
  repeat: number;
  step: StepName;
  exitCode: number;
  /** Exit 0 and the CLI reported exactly the expected changes. */
  ok: boolean;
  changes: Changes;
  expected: Changes;
  wallMs: number;
  /** Comm100 API calls the emulator logged during the command. */
  calls: number;
  callsByRoute: Record<string, number>;
  /** Arrival time (epoch ms) of every API call, for the 5-minute quota analysis. */
  callTimes: number[];
  /** Calls answered 403 quota / 429 by the emulator's rate limit. */
  rateLimited: number;
  /** The provider's processes: peak RSS (MiB) and CPU time (s). */
  providerPeakRssMb?: number;
  providerCpuSeconds?: number;
  /** The end of stderr when the command failed. */
  failure?: string;
}

/** The stack's state right after `up (create all)`. */
export interface StateFigures {
  variant: VariantName;
  n: number;
  /** The stack's checkpoint file as the `file://` backend stores it. */
  stateBytes: number;
  /** One webhook resource in that file, on average (a dynamic one holds `__provider` twice). */
  bytesPerResource: number;
  /** The serialized provider text of one resource (`__provider`, one copy); none for a plugin. */
  providerBytes?: number;
  /** Whether the access token appears in plaintext anywhere in the state file. */
  tokenInPlaintext: boolean;
}

/** A benchmark stack: its variant, its project and, when it calls the API, its emulator. */
export interface BenchStack {
  variant: Variant;
  n: number;
  project: string;
  stack: TestStack;
  emulator?: RunningEmulator;
  token: string;
}

/**
 * Runs every step once on `bench` (create, previews, the out-of-band change, update, destroy),
 * resetting the emulator's request log before each; returns the samples and the state figures.
 * With `freshBudget`, each command starts with an empty call ledger, as if the commands before
 * it were more than 5 minutes ago: it measures the command, not the wait for Comm100's quota.
 * The stack ends empty, ready for the next repeat.
 */
export async function runSequence(
  bench: BenchStack,
  repeat: number,
  log: (line: string) => void,
  { freshBudget }: { freshBudget: boolean },
): Promise<{ samples: StepSample[]; state?: StateFigures }> {
  const { variant, n, stack, emulator } = bench;
  const samples: StepSample[] = [];
  let state: StateFigures | undefined;
  stack.writeProgram(programSource(variant, n, 1));
  for (const step of steps) {
    if (step.apiOnly && !emulator) continue;
    if (step.name === "preview-refresh-drift") changeOneOutOfBand(emulator!);
    if (step.name === "up-update") stack.writeProgram(programSource(variant, n, 2));
    emulator?.control.clearRequests();
    if (freshBudget) {
      // The ledger of answered calls that the rate limiter shares across commands lives there.
      rmSync(stack.tempDir, { recursive: true, force: true });
      mkdirSync(stack.tempDir, { recursive: true });
    }
    const run = await timePulumi(stack, step.args, variant.providerProcess);
    const requests = emulator?.control.requests();
    const changes = parseChanges(run.stdout);
    const expected = step.expected(n, variant.name);
    const sample: StepSample = {
      variant: variant.name,
      n,
      repeat,
      step: step.name,
      exitCode: run.code,
      ok: run.code === 0 && sameChanges(changes, expected),
      changes,
      expected,
      wallMs: Math.round(run.wallMs),
      calls: requests?.total ?? 0,
      callsByRoute: Object.fromEntries(
        Object.entries(requests?.counts ?? {}).filter(([, count]) => count > 0),
      ),
      callTimes: (requests?.entries ?? []).map((entry) => Date.parse(entry.at)),
      rateLimited: (requests?.entries ?? []).filter((entry) => entry.rateLimited).length,
      providerPeakRssMb: run.provider.peakRssMb,
      providerCpuSeconds: run.provider.cpuSeconds,
      ...(run.code === 0 ? {} : { failure: run.stderr.slice(-2000) || run.stdout.slice(-2000) }),
    };
    samples.push(sample);
    log(
      `  ${variant.name.padEnd(8)} N=${n} #${repeat + 1} ${step.label.padEnd(42)} ` +
        `${(sample.wallMs / 1000).toFixed(1).padStart(6)} s  ${String(sample.calls).padStart(4)} calls` +
        (sample.ok ? "" : `  UNEXPECTED: exit ${run.code}, ${JSON.stringify(changes)}`),
    );
    if (step.name === "up-create" && run.code === 0) state = stateFigures(bench);
  }
  const left = emulator?.control.webhooks(siteId).length ?? 0;
  if (left > 0)
    log(`  ${variant.name} N=${n}: ${left} webhooks left in the emulator after destroy`);
  return { samples, state };
}

/** Changes `hook-0`'s target URL behind Pulumi's back, as someone in the Control Panel would. */
function changeOneOutOfBand(emulator: RunningEmulator): void {
  const hook = emulator.control
    .webhooks(siteId)
    .find((webhook) => webhook.targetUrl === `${targetUrlPrefix(1)}0`);
  if (!hook) throw new Error("the out-of-band change found no webhook hook-0 in the emulator");
  emulator.control.updateWebhook(siteId, hook.id, {
    targetUrl: "https://changed-out-of-band.example.com/0",
  });
}

const changeLabels: Record<string, string> = {
  "to create": "create",
  created: "create",
  "to update": "update",
  updated: "update",
  "to delete": "delete",
  deleted: "delete",
  "to replace": "replace",
  replaced: "replace",
  unchanged: "same",
};

/** The `Resources:` summary the CLI prints, e.g. `+ 11 created` / `1 unchanged`. */
export function parseChanges(stdout: string): Changes {
  const changes: Changes = {};
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Resources:");
  if (start < 0) return changes;
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+(?:[-+~]\s+)?(\d+) (.+?)\s*$/.exec(line);
    if (!match) break;
    changes[changeLabels[match[2]] ?? match[2]] = Number(match[1]);
  }
  return changes;
}

function sameChanges(a: Changes, b: Changes): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

/** A resource as the checkpoint file stores it (what the figures read of it). */
interface StoredResource {
  type: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
}

function stateFigures(bench: BenchStack): StateFigures {
  const file = path.join(
    bench.stack.dir,
    ".state",
    ".pulumi",
    "stacks",
    bench.project,
    "test.json",
  );
  if (!existsSync(file)) throw new Error(`no state file at ${file} (gzip-compressed state?)`);
  const text = readFileSync(file, "utf8");
  const resources =
    (
      JSON.parse(text) as {
        checkpoint: { latest: { resources?: StoredResource[] } };
      }
    ).checkpoint.latest.resources ?? [];
  // The webhooks: every custom resource but the providers (`pulumi:providers:*`).
  const webhooks = resources.filter(
    (resource) => resource.custom && !resource.type.startsWith("pulumi:providers:"),
  );
  const providerTexts = webhooks.flatMap((resource) =>
    typeof resource.inputs?.__provider === "string" ? [resource.inputs.__provider] : [],
  );
  const average = (values: number[]) =>
    values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  return {
    variant: bench.variant.name,
    n: bench.n,
    stateBytes: Buffer.byteLength(text),
    bytesPerResource: average(
      webhooks.map((resource) => Buffer.byteLength(JSON.stringify(resource))),
    ),
    ...(providerTexts.length > 0
      ? { providerBytes: average(providerTexts.map((source) => Buffer.byteLength(source))) }
      : {}),
    tokenInPlaintext: text.includes(bench.token),
  };
}
