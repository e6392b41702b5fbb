import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../pulumiProject/paths";
import { runPulumi } from "../pulumiProject/pulumiRunner";

/** The machine and tool versions a result was measured with. */
export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  /** 1-minute load average when the measurements started and ended: other work skews timings. */
  loadAverage: { start: number; end?: number };
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = readFileSync("/proc/meminfo", "utf8");
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? 0);
  const sdk = JSON.parse(
    readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
  ) as { version: string };
  return {
    nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? "unknown",
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    pulumiCli: (await runPulumi(["version"], { cwd: repoRoot, env: {} })).stdout.trim(),
    pulumiSdk: sdk.version,
    loadAverage: { start: round2(os.loadavg()[0]) },
  };
}

/** One line saying what the figures were measured on. */
export function machineLine(machine: Machine): string {
  const load = machine.loadAverage;
  return (
    `${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}; ` +
    `node ${machine.node}, pulumi ${machine.pulumiCli} (@pulumi/pulumi ${machine.pulumiSdk}); ` +
    `load average ${load.start} at start${load.end === undefined ? "" : `, ${load.end} at end`}`
  );
}

export function endLoadAverage(machine: Machine): void {
  machine.loadAverage.end = round2(os.loadavg()[0]);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
