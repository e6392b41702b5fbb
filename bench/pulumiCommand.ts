import { execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { TestStack } from "../pulumiProject/isolatedStack";
import { pulumiRoot, repoRoot } from "../pulumiProject/pulumiCli";
import { watchProvider, type ProviderProcess, type ProviderUsage } from "./providerProcess";

/** One `pulumi` command, timed from spawn to exit. */
export interface TimedCommand {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** What the provider's processes used; empty when none ran or not on Linux. */
  provider: ProviderUsage;
}

/**
 * Runs the `pulumi` CLI in the stack's project folder with the stack's environment, measuring
 * wall time around the whole process and watching the memory and CPU time of the provider's
 * processes (told by `isProvider`). Never throws on a non-zero exit.
 */
export function timePulumi(
  stack: TestStack,
  args: string[],
  isProvider: ProviderProcess,
): Promise<TimedCommand> {
  const binary = path.join(pulumiRoot(), "bin", "pulumi");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(binary, args, {
      cwd: stack.dir,
      env: { ...process.env, ...stack.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchProvider(child.pid ?? -1, isProvider);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      watch.stop();
      reject(error);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        wallMs,
        provider: watch.stop(),
      });
    });
  });
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
