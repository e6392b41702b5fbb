import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";

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

  constructor() {
    this.answered = [];
  }

  answeredSince(since: number): number[] {
    while (this.answered.length > 0 && this.answered[0] <= since) this.answered.shift();
    return [...this.answered];
  }

  record(at: number): void {
    this.answered.push(at);
  }
}

/**
 * A ledger shared by every process on this machine that calls the same API host, kept in a
 * small file of answer times. Comm100 counts calls per client IP over 5 minutes, while each
 * Pulumi command starts a new provider process: without it, `up`, `refresh` and `destroy` run
 * one after the other would each believe they start with a full budget.
 */
export class FileLedger implements CallLedger {
  constructor(
    private readonly file: string,
    private readonly keepEntries: number,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** The ledger of the API host of `baseUrl`, in the OS temporary folder. */
  static forApi(baseUrl: string, keepEntries: number): FileLedger {
    const host = createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16);
    return new FileLedger(
      path.join(os.tmpdir(), "pulumi-comm100", `calls-${host}.log`),
      keepEntries,
    );
  }

  answeredSince(since: number): number[] {
    const all = this.read();
    const answered = all.filter((at) => at > since);
    if (all.length > 2 * this.keepEntries) this.rewrite(answered.slice(-this.keepEntries));
    return answered;
  }

  record(at: number): void {
    appendFileSync(this.file, `${at}\n`);
  }

  private read(): number[] {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return [];
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
}
