/**
 * `npm run bench:plugin-start`: how long the plugin takes from spawn to ready (the port it prints
 * for the engine), as the self-contained executable and as the bundle under `node`. Builds both
 * first (the executable for linux-amd64 only). Prints the median and range of N starts each.
 *
 * Options: --starts 15
 */
import { execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { repoRoot } from "../pulumiProject/paths";
import { describeMachine, endLoadAverage, machineLine } from "./machine";

const { values } = parseArgs({ options: { starts: { type: "string", default: "15" } } });
const starts = Number(values.starts);

/** Milliseconds from spawning `command` until it prints its first line (the gRPC port). */
function timeToReady(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => {
      const ready = performance.now() - started;
      child.kill();
      resolve(ready);
    });
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}) before ready`)));
    child.once("error", reject);
  });
}

async function main(): Promise<void> {
  execFileSync("npm", ["run", "--silent", "build:plugin"], { cwd: repoRoot, stdio: "ignore" });
  execFileSync("bash", ["scripts/build-plugin-executable.sh", "linux-amd64"], {
    cwd: repoRoot,
    stdio: "ignore",
  });
  const bundle = path.join(repoRoot, "bin", "pulumi-resource-comm100");
  const executable = path.join(
    repoRoot,
    "bin",
    "executables",
    "linux-amd64",
    path.basename(bundle),
  );
  const plugins: Record<string, [string, string[]]> = {
    "executable (Node.js 24 inside)": [executable, []],
    [`bundle under node ${process.version}`]: [process.execPath, [bundle]],
  };
  const machine = await describeMachine();
  for (const [name, [command, args]] of Object.entries(plugins)) {
    const samples: number[] = [];
    // The engine passes its address; with none the plugin still serves and prints its port.
    for (let i = 0; i < starts; i++) samples.push(await timeToReady(command, args));
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    const ms = (value: number) => `${Math.round(value)} ms`;
    console.log(
      `${name}: spawn to ready ${ms(median)}, median of ${starts} ` +
        `(${ms(samples[0])} – ${ms(samples[samples.length - 1])})`,
    );
  }
  endLoadAverage(machine);
  console.log(machineLine(machine));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
