import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createHash } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { settings } from "../settings/settings";

/** When answered calls were, so that a limiter can count them. */
export interface CallLedger {
  /** The answer times (ms since epoch) of the calls answered after `since`. */
  answeredSince(since: number): number[];
  /** Records a call answered at `at`. */
  record(at: number): void;
}

/** A ledger of this process only. */
export class MemoryLedger implements CallLedger {
  private readonly answered: number[];

  /** `answered`: answer times already known, oldest first. */
  constructor(answered: readonly number[] = []) {
    this.answered = [...answered];
  }

  answeredSince(since: number): number[] {
    while (this.answered.length > 0 && this.answered[0] <= since) this.answered.shift();
    return [...this.answered];
  }

  record(at: number): void {
    this.answered.push(at);
  }
}

/** Ledger files not written for this long are removed when a ledger is opened. */
export const staleLedgerMs = 24 * 60 * 60 * 1000;

const ledgerFilePattern = /^calls-[0-9a-f]+\.log(\.\d+\.tmp)?$/;

/**
 * The folder of this OS user's ledgers: `COMM100_LEDGER_DIR` when set, else
 * `<OS temporary folder>/pulumi-comm100-<uid>` (one per user, so that no user needs another's
 * folder; on Windows the temporary folder is already per user).
 */
export function ledgerDir(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[settings.ledgerDir.env];
  if (chosen) return path.resolve(chosen);
  const uid = process.getuid?.();
  return path.join(os.tmpdir(), uid === undefined ? "pulumi-comm100" : `pulumi-comm100-${uid}`);
}

/**
 * A ledger shared by every process of this OS user that calls the same API host, kept in a
 * small file of answer times. Comm100 counts calls per client IP over 5 minutes, while each
 * Pulumi command starts a new provider process: without it, `up`, `refresh` and `destroy` run
 * one after the other would each believe they start with a full budget.
 *
 * It is never fatal: when the file system fails it, it counts in memory for the rest of the
 * process and warns once per process on stderr.
 */
export class FileLedger implements CallLedger {
  private fallback: MemoryLedger | undefined;
  private lastRead: number[];

  constructor(
    private readonly file: string,
    private readonly keepEntries: number,
  ) {
    this.lastRead = [];
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    } catch (error) {
      this.fallBack(error);
    }
  }

  /**
   * The ledger of the API host of `baseUrl`, in {@link ledgerDir}. Opening it removes the
   * ledger files there that were not written for {@link staleLedgerMs}.
   */
  static forApi(
    baseUrl: string,
    keepEntries: number,
    env: NodeJS.ProcessEnv = process.env,
  ): FileLedger {
    const host = createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16);
    const dir = ledgerDir(env);
    const ledger = new FileLedger(path.join(dir, `calls-${host}.log`), keepEntries);
    removeStaleLedgers(dir, Date.now() - staleLedgerMs);
    return ledger;
  }

  answeredSince(since: number): number[] {
    if (this.fallback) return this.fallback.answeredSince(since);
    try {
      const all = this.read();
      const answered = all.filter((at) => at > since);
      this.lastRead = answered;
      if (all.length > 2 * this.keepEntries) this.rewrite(answered.slice(-this.keepEntries));
      return answered;
    } catch (error) {
      return this.fallBack(error).answeredSince(since);
    }
  }

  record(at: number): void {
    if (this.fallback) return this.fallback.record(at);
    try {
      appendFileSync(this.file, `${at}\n`);
    } catch (error) {
      this.fallBack(error).record(at);
    }
  }

  private read(): number[] {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return text
      .split("\n")
      .map(Number)
      .filter((at) => Number.isFinite(at) && at > 0);
  }

  private rewrite(answered: number[]): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, answered.map((at) => `${at}\n`).join(""));
    renameSync(temporary, this.file);
  }

  private fallBack(error: unknown): MemoryLedger {
    this.fallback ??= new MemoryLedger(this.lastRead);
    warnOnce(
      `pulumi-comm100: cannot use the call ledger folder ${path.dirname(this.file)} ` +
        `(${(error as Error).message}); API calls are counted in this process only, so commands ` +
        `run back to back may exceed Comm100's quota. Set ${settings.ledgerDir.env} to a folder ` +
        `you can write.`,
    );
    return this.fallback;
  }
}

let warned = false;

function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`${message}\n`);
}

/**
 * Removes the ledger files (and leftover temporary files) in `dir` last written before
 * `before`: API hosts no longer called. Best effort: a file it cannot remove stays.
 */
function removeStaleLedgers(dir: string, before: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!ledgerFilePattern.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < before) unlinkSync(file);
    } catch {
      // Removed by another process meanwhile, or not ours to remove: either way, leave it.
    }
  }
}
