import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { pulumiCliRoot } from "./paths";

/** How a `pulumi` command ended: its exit code, what it printed, and how long it ran. */
export interface PulumiRun {
  code: number;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  wallMs: number;
}

/** Where and how a `pulumi` command runs. */
export interface PulumiRunOptions {
  /** The project folder. */
  cwd: string;
  /** Variables on top of this process's environment. */
  env: Record<string, string>;
  /** Called with the CLI's process as soon as it started: to watch it, or to interrupt it. */
  onStart?: (child: ChildProcess) => void;
  /** Start the CLI in a process group of its own (so that a signal reaches all its plugins). */
  detached?: boolean;
  /** The folder holding `bin/pulumi` (default {@link pulumiCliRoot}: the main suite's CLI). */
  cliRoot?: string;
}

/**
 * Runs the `pulumi` CLI of `options.cliRoot`, by default {@link pulumiCliRoot} (the one every
 * test and benchmark runs), never throwing on a non-zero exit. Asynchronous on purpose: a test's
 * emulator runs in this process and must keep answering while the command runs.
 */
export function runPulumi(args: string[], options: PulumiRunOptions): Promise<PulumiRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(path.join(options.cliRoot ?? pulumiCliRoot(), "bin", "pulumi"), args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: options.detached,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        wallMs: performance.now() - started,
      }),
    );
    options.onStart?.(child);
  });
}
