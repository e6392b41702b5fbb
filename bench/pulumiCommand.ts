import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { TestStack } from "../pulumiProject/isolatedStack";
import { repoRoot } from "../pulumiProject/paths";
import { runPulumi, type PulumiRun } from "../pulumiProject/pulumiRunner";
import { watchProvider, type ProviderProcess, type ProviderUsage } from "./providerProcess";

/** One `pulumi` command, timed from spawn to exit. */
export interface TimedCommand extends PulumiRun {
  /** What the provider's processes used; empty when none ran or not on Linux. */
  provider: ProviderUsage;
}

/**
 * Runs the `pulumi` CLI in the stack's project folder with the stack's environment, measuring
 * wall time around the whole process and watching the memory and CPU time of the provider's
 * processes (told by `isProvider`). Never throws on a non-zero exit.
 */
export async function timePulumi(
  stack: TestStack,
  args: string[],
  isProvider: ProviderProcess,
): Promise<TimedCommand> {
  let watch: ReturnType<typeof watchProvider> | undefined;
  try {
    const run = await runPulumi(args, {
      cwd: stack.dir,
      env: stack.env,
      onStart: (child) => (watch = watchProvider(child.pid ?? -1, isProvider)),
    });
    return { ...run, provider: watch!.stop() };
  } catch (error) {
    watch?.stop();
    throw error;
  }
}

/** Puts the pinned Pulumi CLI first on PATH, building it when missing (as the demo does). */
export function usePulumiCli(say: (line: string) => void): void {
  say("[bench] Pulumi CLI (scripts/install-pulumi-cli.sh: built once when missing)");
  const output = execFileSync("bash", [path.join(repoRoot, "scripts", "install-pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const bin = output.trim().split("\n").pop() ?? "";
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ""}`;
}
