import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ledgerDir } from "../api/callLedger";
import { idKey } from "../webhook/webhookFields";
import { LocalRunMemory, otherHolder, type RunMemory } from "./runMemory";

/** How long a lock folder without its owner's pid may stand before it counts as abandoned. */
const unownedLockMs = 2_000;
/** The pause between two tries at a lock another process holds. */
const lockPollMs = 15;
/** Run folders nobody joined for this long, whose processes have all exited, are removed. */
export const staleRunMs = 24 * 60 * 60 * 1000;

/**
 * The memory of a run shared by every provider process the same engine started, in a folder of
 * small files: `holders/<id>` (the URN keeping a webhook), `deletedOrMoved/<id>`, `writers/<key>`,
 * `declared/<key>` (the URN that declared a webhook at `check`), `locks/<key>/` (a folder made
 * atomically; its `pid` file names the owner) and `members/<pid>`.
 * A folder whose members have all exited is left from an earlier engine that had the same
 * address: the first process to join it clears it.
 */
export class SharedRunMemory implements RunMemory {
  private constructor(private readonly dir: string) {}

  /**
   * The memory of the run that started this process: shared with the engine's other provider
   * processes when `args` (the process's arguments, as the engine passes them to a provider:
   * flags, then the engine's address) name an engine, else this process's alone.
   */
  static forProcess(args: readonly string[], env: NodeJS.ProcessEnv = process.env): RunMemory {
    const address = SharedRunMemory.engineAddressIn(args);
    return address ? SharedRunMemory.forEngine(address, env) : new LocalRunMemory();
  }

  /** The engine's address among a provider's arguments (`host:port`), if there is one. */
  static engineAddressIn(args: readonly string[]): string | undefined {
    const operands = args.filter((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--tracing");
    return operands.find((arg) => /^[\w.-]+:\d+$|^\[[\da-f:.]+\]:\d+$/i.test(arg));
  }

  /**
   * The memory shared by the processes of the engine at `engineAddress` (the address the engine
   * passes every provider it starts), in `<ledger folder>/runs/`; a memory of this process
   * alone, with a warning on stderr, when that folder cannot be written.
   */
  static forEngine(engineAddress: string, env: NodeJS.ProcessEnv = process.env): RunMemory {
    const runs = path.join(ledgerDir(env), "runs");
    const dir = path.join(runs, shortHash(engineAddress));
    try {
      const memory = new SharedRunMemory(dir);
      memory.join();
      removeStaleRuns(runs, Date.now() - staleRunMs);
      return memory;
    } catch (error) {
      process.stderr.write(
        `pulumi-comm100: cannot share this run's webhook ownership with the other provider ` +
          `processes through ${dir} (${(error as Error).message}); each provider process keeps ` +
          `its own, so two providers of one account may not see each other's webhooks.\n`,
      );
      return new LocalRunMemory();
    }
  }

  claim(id: string, holder: string): string | undefined {
    return firstWriter(this.file("holders", idKey(id)), holder);
  }

  holderOf(id: string): string | undefined {
    return readIfThere(this.file("holders", idKey(id)));
  }

  markDeletedOrMoved(id: string): void {
    writeFileSync(this.file("deletedOrMoved", idKey(id)), "");
  }

  wasDeletedOrMoved(id: string): boolean {
    return readIfThere(this.file("deletedOrMoved", idKey(id))) !== undefined;
  }

  async lock(key: string): Promise<{ release(): void }> {
    const lockDir = this.file("locks", shortHash(key));
    for (;;) {
      try {
        mkdirSync(lockDir);
        writeFileSync(path.join(lockDir, "pid"), String(process.pid));
        return { release: () => rmSync(lockDir, { recursive: true, force: true }) };
      } catch (error) {
        if (!isCode(error, "EEXIST")) throw error;
      }
      if (isAbandoned(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, lockPollMs));
    }
  }

  lastWriter(key: string): string | undefined {
    return readIfThere(this.file("writers", shortHash(key)));
  }

  setLastWriter(key: string, writer: string): void {
    writeFileSync(this.file("writers", shortHash(key)), writer);
  }

  declare(key: string, holder: string): string | undefined {
    return firstWriter(this.file("declared", shortHash(key)), holder);
  }

  /** Becomes a member of the run, first clearing what an earlier engine's processes left. */
  private join(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const joining = path.join(this.dir, "join.lock");
    for (let tries = 0; ; tries++) {
      try {
        mkdirSync(joining);
        break;
      } catch (error) {
        if (!isCode(error, "EEXIST")) throw error;
        // A joiner that died holding it: joining takes milliseconds.
        if (tries > 200 || ageMs(joining) > unownedLockMs)
          rmSync(joining, { force: true, recursive: true });
        sleepSync(5);
      }
    }
    try {
      const members = path.join(this.dir, "members");
      mkdirSync(members, { recursive: true });
      if (!readdirSync(members).some((pid) => isAlive(Number(pid)))) {
        for (const part of [
          "members",
          "holders",
          "deletedOrMoved",
          "writers",
          "locks",
          "declared",
        ]) {
          rmSync(path.join(this.dir, part), { recursive: true, force: true });
          mkdirSync(path.join(this.dir, part));
        }
      }
      writeFileSync(path.join(members, String(process.pid)), "");
    } finally {
      rmSync(joining, { recursive: true, force: true });
    }
  }

  private file(part: string, name: string): string {
    return path.join(this.dir, part, name);
  }
}

/**
 * Writes `holder` into `file` unless a holder already did (atomically: `wx`); returns that
 * earlier holder when both are named and differ.
 */
function firstWriter(file: string, holder: string): string | undefined {
  try {
    writeFileSync(file, holder, { flag: "wx" });
    return undefined;
  } catch (error) {
    if (!isCode(error, "EEXIST")) throw error;
  }
  return otherHolder(readFileSync(file, "utf8"), holder);
}

/**
 * Removes the run folders in `runs` last joined before `before` whose members have all exited.
 * Best effort: a folder it cannot read or remove stays.
 */
function removeStaleRuns(runs: string, before: number): void {
  for (const name of readdirSync(runs)) {
    const dir = path.join(runs, name);
    try {
      if (statSync(dir).mtimeMs >= before) continue;
      const members = readdirSync(path.join(dir, "members"));
      if (!members.some((pid) => isAlive(Number(pid))))
        rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile, or not ours to read: either way, leave it.
    }
  }
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 24);
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return undefined;
    throw error;
  }
}

/** Whether the lock folder's owner has exited, or it has had no owner for too long. */
function isAbandoned(lockDir: string): boolean {
  const owner = readIfThereSafely(path.join(lockDir, "pid"));
  if (owner) return !isAlive(Number(owner));
  return ageMs(lockDir) > unownedLockMs;
}

function readIfThereSafely(file: string): string | undefined {
  try {
    return readIfThere(file);
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether process `pid` is running (one of another user counts as running). */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, "EPERM");
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException)?.code === code;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
