import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** How often the process tree is looked at while a command runs. */
const pollMs = 200;

/** What the provider's processes used during one command. */
export interface ProviderUsage {
  /** Peak resident set size, MiB (`VmHWM`, the kernel's high-water mark). */
  peakRssMb?: number;
  /** User + system CPU time, seconds, at the last look (up to `pollMs` before it exited). */
  cpuSeconds?: number;
}

/** Tells the provider's process by its command line (`/proc/<pid>/cmdline`, split at NULs). */
export type ProviderProcess = (args: string[]) => boolean;

/**
 * A Node.js process with an argument matching `script`; not the `node -e "require.resolve(...)"`
 * that Pulumi's `pulumi-resource-pulumi-nodejs` shell script runs first to find the dynamic provider.
 */
export function nodeRunning(script: RegExp): ProviderProcess {
  return (args) =>
    args[0].endsWith("node") && !args.includes("-e") && args.some((arg) => script.test(arg));
}

/**
 * Watches the process tree below `rootPid` for the provider's processes (`isProvider`) and
 * samples their peak memory and CPU time. Linux only (`/proc`); elsewhere it reports nothing.
 * Call `stop()` once the command has exited.
 */
export function watchProvider(
  rootPid: number,
  isProvider: ProviderProcess,
): { stop(): ProviderUsage } {
  const providers = new Map<number, { peakKb: number; cpuTicks: number }>();
  const sample = () => {
    for (const pid of descendants(rootPid)) {
      if (!providers.has(pid) && isProvider(commandLine(pid))) {
        providers.set(pid, { peakKb: 0, cpuTicks: 0 });
      }
    }
    for (const [pid, usage] of providers) {
      const kb = peakRssKb(pid);
      if (kb !== undefined) usage.peakKb = Math.max(usage.peakKb, kb);
      const ticks = cpuTicks(pid);
      if (ticks !== undefined) usage.cpuTicks = ticks;
    }
  };
  const timer = setInterval(sample, pollMs);
  return {
    stop() {
      clearInterval(timer);
      if (providers.size === 0) return {};
      const all = [...providers.values()];
      return {
        peakRssMb: Math.max(...all.map((usage) => usage.peakKb)) / 1024,
        cpuSeconds: all.reduce((sum, usage) => sum + usage.cpuTicks, 0) / clockTicksPerSecond(),
      };
    },
  };
}

/** Every process below `rootPid`, from `/proc/<pid>/stat`. */
function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = statFields(Number(entry))?.[1];
    if (ppid === undefined) continue;
    const siblings = children.get(Number(ppid)) ?? [];
    siblings.push(Number(entry));
    children.set(Number(ppid), siblings);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The fields of `/proc/<pid>/stat` after the command name: [state, ppid, …]. */
function statFields(pid: number): string[] | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ")".
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function commandLine(pid: number): string[] {
  return (readOrUndefined(`/proc/${pid}/cmdline`) ?? "").split("\0");
}

function peakRssKb(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readOrUndefined(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : undefined;
}

/** utime + stime (fields 14 and 15 of stat), in clock ticks. */
function cpuTicks(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : undefined;
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  ticksPerSecond ??=
    Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
