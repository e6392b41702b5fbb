/**
 * `npm run bench`: the real `pulumi` CLI against the Comm100 emulator, for N webhooks, with
 * pulumi-comm100, its provider plugin, the engine floor (a no-op dynamic provider) and the
 * textbook provider side by side; then pulumi-comm100's sequence once more under Comm100's real
 * quota. Prints the tables and writes bench/results/results.json and bench/results/table.md.
 * See bench/README.md.
 *
 * Options: --sizes 10,100   --repeats 3,1 (runs per size; the tables show the median)
 *          --latency 50 (ms per emulated API call)   --variants floor,ours,plugin,textbook
 *          --skip-quota-check   --keep (keep the projects folder)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createFixtureRoot } from "../pulumiProject/fixtureRoot";
import { clearComm100Environment } from "../pulumiProject/comm100Environment";
import { createTestStack } from "../pulumiProject/isolatedStack";
import { repoRoot } from "../pulumiProject/paths";
import { runPulumi } from "../pulumiProject/pulumiRunner";
import { defaultToken, startEmulator, type EmulatorOptions } from "../emulator";
import type { QuotaCheck, Settings } from "./benchFigures";
import { formatDuration } from "./formatFigures";
import { describeMachine, endLoadAverage, machineLine } from "./machine";
import { timePulumi, usePulumiCli } from "./pulumiCommand";
import { busiestWindow, quota } from "./quota";
import { renderMarkdown } from "./renderMarkdown";
import {
  runSequence,
  siteId,
  steps,
  type BenchStack,
  type StateFigures,
  type StepSample,
} from "./sequence";
import { summarize } from "./summarize";
import { programFiles, programSource, variantOf, variants, type Variant } from "./variants";

const resultsDir = path.join(repoRoot, "bench", "results");
const say = (line: string) => process.stdout.write(`${line}\n`);

interface RunSettings extends Settings {
  selected: Variant[];
  quotaCheck: boolean;
  keep: boolean;
}

async function main(): Promise<void> {
  const started = performance.now();
  clearComm100Environment();
  const settings = parseSettings();
  usePulumiCli(say);
  settings.parallel = `${await defaultParallel()} (the CLI default here)`;
  say("[bench] npm run build (the fixture installs dist/ as users get it)");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
  if (settings.selected.some((variant) => variant.pluginDir)) {
    say("[bench] npm run build:plugin (bin/pulumi-resource-comm100)");
    execFileSync("npm", ["run", "--silent", "build:plugin"], { cwd: repoRoot, stdio: "inherit" });
  }
  const fixtureRoot = createFixtureRoot();
  const machine = await describeMachine();
  say(`[bench] ${machineLine(machine)}`);
  say(`[bench] projects in ${fixtureRoot}`);

  const stacks: BenchStack[] = [];
  try {
    await warmUp(fixtureRoot);
    const setupSeconds = (performance.now() - started) / 1000;
    const samples: StepSample[] = [];
    const state: StateFigures[] = [];
    for (const [index, n] of settings.sizes.entries()) {
      const sized: BenchStack[] = [];
      for (const variant of settings.selected) {
        sized.push(await benchStack(fixtureRoot, variant, n, settings.latencyMs));
      }
      stacks.push(...sized);
      for (let repeat = 0; repeat < settings.repeats[index]; repeat++) {
        // Rotate the order so no provider always runs right after the same other one.
        const order = sized.map((_, i) => sized[(i + repeat) % sized.length]);
        for (const bench of order) {
          const result = await runSequence(bench, repeat, say, { freshBudget: true });
          samples.push(...result.samples);
          if (result.state && repeat === 0) state.push(result.state);
        }
      }
    }
    const quotaCheck = settings.quotaCheck
      ? await checkQuota(fixtureRoot, Math.max(...settings.sizes), settings.latencyMs, stacks)
      : undefined;

    endLoadAverage(machine);
    const totalSeconds = (performance.now() - started) / 1000;
    const results = summarize(
      machine,
      {
        variants: settings.variants,
        sizes: settings.sizes,
        repeats: settings.repeats,
        latencyMs: settings.latencyMs,
        parallel: settings.parallel,
      },
      samples,
      state,
      { totalSeconds, setupSeconds },
      quotaCheck,
    );
    const markdown = renderMarkdown(results);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, "table.md"), markdown);
    say("");
    say(markdown);
    say("[bench] wrote bench/results/results.json and bench/results/table.md");
    say(`[bench] done in ${formatDuration(totalSeconds)}`);
    reportUnexpected(samples);
  } finally {
    await Promise.all(stacks.flatMap((bench) => bench.emulator?.close() ?? []));
    if (settings.keep) say(`[bench] kept ${fixtureRoot}`);
    else rmSync(fixtureRoot, { recursive: true, force: true });
  }
}

function parseSettings(): RunSettings {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10,100" },
      repeats: { type: "string", default: "3,1" },
      latency: { type: "string", default: "50" },
      variants: { type: "string", default: variants.map((variant) => variant.name).join(",") },
      "skip-quota-check": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const numbers = (text: string, option: string) =>
    text.split(",").map((part) => {
      const value = Number(part);
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`--${option}: "${part}" is not a whole number of at least 1`);
      }
      return value;
    });
  const sizes = numbers(values.sizes, "sizes");
  const repeats = numbers(values.repeats, "repeats");
  const selected = values.variants.split(",").map((name) => {
    const variant = variants.find((candidate) => candidate.name === name);
    if (!variant) {
      const known = variants.map((candidate) => candidate.name).join(", ");
      throw new Error(`--variants: "${name}" is not one of ${known}`);
    }
    return variant;
  });
  return {
    variants: selected.map((variant) => variant.name),
    selected,
    sizes,
    repeats: sizes.map((_, i) => repeats[Math.min(i, repeats.length - 1)]),
    latencyMs: numbers(values.latency, "latency")[0],
    parallel: "the CLI default",
    quotaCheck: !values["skip-quota-check"] && selected.some((variant) => variant.name === "ours"),
    keep: values.keep,
  };
}

/** `pulumi up --parallel`'s default on this machine, as `pulumi up --help` states it. */
async function defaultParallel(): Promise<string> {
  const help = await runPulumi(["up", "--help"], { cwd: repoRoot, env: {} });
  return /--parallel int32 .*\(default (\d+)\)/.exec(help.stdout)?.[1] ?? "unknown";
}

/** A project and stack for `variant` at `n`; variants that call the API get their own emulator. */
async function benchStack(
  fixtureRoot: string,
  variant: Variant,
  n: number,
  latencyMs: number,
  options: { project?: string; rateLimit?: EmulatorOptions["rateLimit"] } = {},
): Promise<BenchStack> {
  // Measurements lift the emulator's quota so no command waits on it or fails on it; the report
  // checks every run against Comm100's 300 calls / 5 minutes from the request log instead.
  const rateLimit = options.rateLimit ?? { max: Number.MAX_SAFE_INTEGER };
  const emulator = variant.callsApi ? await startEmulator({ latencyMs, rateLimit }) : undefined;
  const project = options.project ?? `${variant.name}-${n}`;
  const stack = await createTestStack(fixtureRoot, project, {
    program: programSource(variant, n, 1),
    files: programFiles(variant),
    pluginDir: variant.pluginDir,
    // Through ts-node, as users' TypeScript programs run: the figures are what they see.
    typescript: "ts-node-typed",
    config: emulator
      ? { "comm100:baseUrl": emulator.baseUrl, "comm100:accessToken": { secret: defaultToken } }
      : {},
  });
  return { variant, n, project, stack, emulator, token: defaultToken };
}

/** One untimed create and destroy, so the first measured command does not pay for cold caches. */
async function warmUp(fixtureRoot: string): Promise<void> {
  say("[bench] warm-up (not measured)");
  const floor = variantOf("floor");
  const bench = await benchStack(fixtureRoot, floor, 2, 0, { project: "warm-up" });
  for (const command of ["up", "destroy"]) {
    const run = await timePulumi(
      bench.stack,
      [command, "--yes", "--skip-preview", "--non-interactive"],
      floor.providerProcess,
    );
    if (run.code !== 0) throw new Error(`warm-up: pulumi ${command} failed:\n${run.stderr}`);
  }
}

/**
 * pulumi-comm100's sequence once more, against an emulator enforcing Comm100's quota (300 calls
 * per 5 minutes, 403), the call ledger kept from one command to the next as it is for users: do
 * commands run one after the other stay within the quota without failing? (The sequence makes
 * 3N + 4 calls; past 300 within 5 minutes, the limiter has to wait for the window.)
 */
async function checkQuota(
  fixtureRoot: string,
  n: number,
  latencyMs: number,
  stacks: BenchStack[],
): Promise<QuotaCheck> {
  say(`[bench] the same commands under Comm100's quota (300 calls / 5 min), N=${n}`);
  const ours = variantOf("ours");
  const bench = await benchStack(fixtureRoot, ours, n, latencyMs, {
    project: `quota-${n}`,
    rateLimit: { ...quota, mode: "quota403" },
  });
  stacks.push(bench);
  const { samples } = await runSequence(bench, 0, say, { freshBudget: false });
  return {
    variant: ours.name,
    n,
    commands: samples.map((sample) => ({
      step: sample.step,
      label: steps.find((step) => step.name === sample.step)?.label ?? sample.step,
      exitCode: sample.exitCode,
      calls: sample.calls,
      rateLimited: sample.rateLimited,
      wallMs: sample.wallMs,
      ...(sample.failure ? { failure: sample.failure } : {}),
    })),
    busiestWindow: busiestWindow(samples.flatMap((sample) => sample.callTimes)),
    webhooksLeft: bench.emulator?.control.webhooks(siteId).length ?? 0,
  };
}

/** Lists the measured commands that did not report the expected changes; exit code 1 if any. */
function reportUnexpected(samples: StepSample[]): void {
  const unexpected = samples.filter((sample) => !sample.ok);
  if (unexpected.length === 0) return;
  say(`[bench] ${unexpected.length} measured command(s) did not behave as expected (⚠):`);
  for (const sample of unexpected) {
    say(
      `  ${sample.variant} N=${sample.n} #${sample.repeat + 1} ${sample.step}: exit ${sample.exitCode}, ` +
        `changes ${JSON.stringify(sample.changes)}, expected ${JSON.stringify(sample.expected)}` +
        (sample.failure ? `\n${sample.failure}` : ""),
    );
  }
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
