/**
 * `npm run bench:policy`: what the policy pack (policy/) adds to a command. Times `pulumi preview`
 * of N `Comm100Webhook`s (nothing deployed yet: N creates) with and without the pack and
 * policy/config.example.json, alternating, and prints the medians. Never asserts on timings;
 * exits 1 when a preview fails.
 *
 * Options: --sizes 2,50 (webhooks per stack)   --repeats 5 (previews of each kind per size)
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { defaultToken, startEmulator } from "../emulator";
import { createFixtureRoot } from "../pulumiProject/fixtureRoot";
import { clearComm100Environment } from "../pulumiProject/comm100Environment";
import { createTestStack } from "../pulumiProject/isolatedStack";
import { policyPackEntry, repoRoot } from "../pulumiProject/paths";
import { describeMachine, endLoadAverage, machineLine } from "./machine";
import { timePulumi, usePulumiCli } from "./pulumiCommand";
import { programSource, variants } from "./variants";

const say = (line: string) => process.stdout.write(`${line}\n`);
const kinds = ["without", "with"] as const;
const packArgs = [
  "--policy-pack",
  policyPackEntry,
  "--policy-pack-config",
  path.join(repoRoot, "policy", "config.example.json"),
];

async function main(): Promise<void> {
  clearComm100Environment();
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "2,50" },
      repeats: { type: "string", default: "5" },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const repeats = Number(values.repeats);
  usePulumiCli(say);
  say("[bench] npm run build (the fixture installs dist/ as users get it)");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
  const fixtureRoot = createFixtureRoot();
  const emulator = await startEmulator();
  const machine = await describeMachine();
  say(`[bench] ${machineLine(machine)}`);
  const ours = variants.find((variant) => variant.name === "ours")!;
  const rows: string[] = [];
  try {
    for (const n of sizes) {
      const stack = await createTestStack(fixtureRoot, `policy-${n}`, {
        program: programSource(ours, n, 1),
        typescript: "ts-node-typed",
        config: {
          "comm100:baseUrl": emulator.baseUrl,
          "comm100:accessToken": { secret: defaultToken },
        },
      });
      const timed = { without: [] as number[], with: [] as number[] };
      // One untimed run of each first (cold caches); then alternate, so drift hits both alike.
      for (let run = 0; run <= repeats; run++) {
        const order = run % 2 === 0 ? kinds : [...kinds].reverse();
        for (const kind of order) {
          const args = ["preview", "--non-interactive", ...(kind === "with" ? packArgs : [])];
          const result = await timePulumi(stack, args, ours.providerProcess);
          if (result.code !== 0) {
            throw new Error(`N=${n}: pulumi ${args.join(" ")} failed:\n${result.stdout}`);
          }
          const seconds = result.wallMs / 1000;
          if (run > 0) timed[kind].push(seconds);
          const warmUp = run === 0 ? " (warm-up)" : "";
          say(`[bench] N=${n} #${run}${warmUp} preview ${kind} the pack: ${seconds.toFixed(2)} s`);
        }
      }
      const without = median(timed.without);
      const withPack = median(timed.with);
      rows.push(
        `| ${n} | ${without.toFixed(2)} s | ${withPack.toFixed(2)} s | ` +
          `${(withPack - without).toFixed(2)} s | ${spread(timed.with)} |`,
      );
    }
    if (emulator.control.requests().total !== 0) say("[bench] ⚠ a preview called the Comm100 API");
  } finally {
    await emulator.close();
    rmSync(fixtureRoot, { recursive: true, force: true });
  }
  endLoadAverage(machine);
  say("");
  say(
    `\`pulumi preview\` of N Comm100Webhook creates, median of ${repeats} (${machineLine(machine)}).`,
  );
  say("");
  say("| N | without the pack | with the pack | the pack adds | with the pack, min – max |");
  say("| --- | --- | --- | --- | --- |");
  for (const row of rows) say(row);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function spread(values: number[]): string {
  return `${Math.min(...values).toFixed(2)} – ${Math.max(...values).toFixed(2)} s`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
