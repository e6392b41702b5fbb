import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FileLedger, ledgerDir, staleLedgerMs } from "../../provider/core/api/callLedger";

const baseUrl = "https://api11.comm100.io/v4";
const isRoot = process.getuid?.() === 0;

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), "ledger-test-"));
}

/** The ledger module as a new provider process loads it: it has not warned yet. */
async function freshLedgerModule() {
  vi.resetModules();
  return import("../../provider/core/api/callLedger");
}

/** What the code under test writes to stderr, instead of writing it. */
function captureStderr(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("the call ledger's folder", () => {
  it("is one per OS user under the temporary folder, readable by that user only", () => {
    const temporary = scratch();
    vi.stubEnv("TMPDIR", temporary);
    const expected = path.join(temporary, `pulumi-comm100-${process.getuid?.()}`);

    const ledger = FileLedger.forApi(baseUrl, 10, {});
    ledger.record(1000);

    expect(ledgerDir({})).toBe(expected);
    expect(readdirSync(expected)).toEqual([expect.stringMatching(/^calls-[0-9a-f]{16}\.log$/)]);
    expect(statSync(expected).mode & 0o777).toBe(0o700);
  });

  it("moves to COMM100_LEDGER_DIR, where every process of the same API host shares it", () => {
    const dir = path.join(scratch(), "ledgers");
    const env = { COMM100_LEDGER_DIR: dir };

    FileLedger.forApi(baseUrl, 10, env).record(1000);
    const nextProcess = FileLedger.forApi(baseUrl, 10, env);

    expect(ledgerDir(env)).toBe(dir);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(nextProcess.answeredSince(0)).toEqual([1000]);
  });

  it("removes the ledger files not written for a day when a ledger is opened", () => {
    const dir = scratch();
    const dayAndHourAgo = (Date.now() - staleLedgerMs - 3_600_000) / 1000;
    const files = {
      "calls-00000000000000aa.log": dayAndHourAgo,
      "calls-00000000000000bb.log.4242.tmp": dayAndHourAgo,
      "calls-00000000000000cc.log": Date.now() / 1000 - 60,
      "notes.txt": dayAndHourAgo,
    };
    for (const [name, time] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), "1\n");
      utimesSync(path.join(dir, name), time, time);
    }

    FileLedger.forApi(baseUrl, 10, { COMM100_LEDGER_DIR: dir }).record(1000);

    const left = readdirSync(dir);
    expect(left).toHaveLength(3);
    expect(left).toEqual(expect.arrayContaining(["calls-00000000000000cc.log", "notes.txt"]));
    expect(left).toContainEqual(expect.stringMatching(/^calls-[0-9a-f]{16}\.log$/)); // just written
  });
});

describe("a call ledger the file system fails", () => {
  it("counts in memory and warns once, naming the folder and COMM100_LEDGER_DIR", async () => {
    const { FileLedger: Ledger } = await freshLedgerModule();
    const stderr = captureStderr();
    const file = path.join(scratch(), "a-file");
    writeFileSync(file, "");
    const dir = path.join(file, "ledgers"); // mkdir fails with ENOTDIR, even for root

    const first = Ledger.forApi(baseUrl, 10, { COMM100_LEDGER_DIR: dir });
    const second = Ledger.forApi("https://api15.comm100.io/v4", 10, { COMM100_LEDGER_DIR: dir });
    first.record(1000);
    first.record(2000);
    second.record(3000);

    expect(first.answeredSince(1500)).toEqual([2000]);
    expect(second.answeredSince(0)).toEqual([3000]);
    expect(stderr).toEqual([
      `pulumi-comm100: cannot use the call ledger folder ${dir} (ENOTDIR: not a directory, mkdir '${dir}'); ` +
        "API calls are counted in this process only, so commands run back to back may exceed " +
        "Comm100's quota. Set COMM100_LEDGER_DIR to a folder you can write.\n",
    ]);
  });

  it.skipIf(isRoot)("counts in memory when another user's folder denies access", async () => {
    const { FileLedger: Ledger } = await freshLedgerModule();
    const stderr = captureStderr();
    const dir = scratch();
    chmodSync(dir, 0o000);

    const ledger = Ledger.forApi(baseUrl, 10, { COMM100_LEDGER_DIR: dir });
    ledger.record(1000);

    expect(ledger.answeredSince(0)).toEqual([1000]);
    expect(stderr).toEqual([expect.stringContaining(`EACCES`)]);
    chmodSync(dir, 0o700);
  });

  it("keeps the calls it had counted when its file breaks in the middle of a run", async () => {
    const { FileLedger: Ledger } = await freshLedgerModule();
    const stderr = captureStderr();
    const file = path.join(scratch(), "calls.log");
    const ledger = new Ledger(file, 10);
    ledger.record(1000);
    expect(ledger.answeredSince(0)).toEqual([1000]);

    rmSync(file);
    mkdirSync(file); // reading it now fails with EISDIR
    ledger.record(2000);

    expect(ledger.answeredSince(0)).toEqual([1000, 2000]);
    expect(stderr).toEqual([expect.stringContaining("EISDIR")]);
  });
});
