import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { LocalRunMemory } from "../../provider/core/lifecycle/runMemory";
import { SharedRunMemory, staleRunMs } from "../../provider/core/lifecycle/sharedRunMemory";

const id = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
const urnA = "urn:pulumi:dev::p::comm100:index:Webhook::a";
const urnB = "urn:pulumi:dev::p::comm100:index:Webhook::b";

/** The folders the tests made, removed after them. */
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh folder of this test file's. */
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "run-memory-"));
  made.push(dir);
  return dir;
}

/** A fresh ledger folder, as `COMM100_LEDGER_DIR`. */
function ledgerEnv(): NodeJS.ProcessEnv {
  return { COMM100_LEDGER_DIR: freshDir() };
}

/** The pid of a process that has exited. */
function exitedPid(): number {
  const pid = spawnSync("true").pid;
  if (!pid) throw new Error("no pid");
  return pid;
}

describe("the memory a run's provider processes share", () => {
  it("is shared by every process of one engine, and by no other engine's", () => {
    const env = ledgerEnv();
    const first = SharedRunMemory.forEngine("127.0.0.1:40001", env);
    const second = SharedRunMemory.forEngine("127.0.0.1:40001", env);
    const otherEngine = SharedRunMemory.forEngine("127.0.0.1:40002", env);

    expect(first.claim(id, urnA)).toBeUndefined();
    expect(second.claim(id.toLowerCase(), urnB)).toBe(urnA);
    expect(second.claim(id, urnA)).toBeUndefined();
    expect(second.holderOf(id)).toBe(urnA);
    expect(otherEngine.holderOf(id)).toBeUndefined();

    second.markDeletedOrMoved(id);
    expect(first.wasDeletedOrMoved(id.toLowerCase())).toBe(true);
    expect(otherEngine.wasDeletedOrMoved(id)).toBe(false);

    first.setLastWriter("key", "writer 1");
    expect(second.lastWriter("key")).toBe("writer 1");
    expect(otherEngine.lastWriter("key")).toBeUndefined();
  });

  it("lets an unnamed holder (the dynamic provider's) conflict with no one", () => {
    const memory = SharedRunMemory.forEngine("127.0.0.1:40003", ledgerEnv());
    expect(memory.claim(id, "")).toBeUndefined();
    expect(memory.claim(id, urnA)).toBeUndefined();
    expect(memory.holderOf(id)).toBe("");
    const local = new LocalRunMemory();
    expect(local.claim(id, urnA)).toBeUndefined();
    expect(local.claim(id, "")).toBeUndefined();
    expect(local.claim(id, urnB)).toBe(urnA);
  });

  it("holds a lock against every other process of the run until it is released", async () => {
    const env = ledgerEnv();
    const first = SharedRunMemory.forEngine("127.0.0.1:40004", env);
    const second = SharedRunMemory.forEngine("127.0.0.1:40004", env);
    const events: string[] = [];

    const held = await first.lock("key");
    const waiting = second.lock("key").then((lock) => {
      events.push("second has it");
      return lock;
    });
    const otherKey = await second.lock("other key");
    otherKey.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events).toEqual([]);

    events.push("first releases");
    held.release();
    (await waiting).release();
    expect(events).toEqual(["first releases", "second has it"]);
  });

  it("takes over a lock whose owner exited", async () => {
    const env = ledgerEnv();
    const memory = SharedRunMemory.forEngine("127.0.0.1:40005", env);
    const lock = await memory.lock("key");
    const [runDir] = readdirSync(path.join(env.COMM100_LEDGER_DIR!, "runs"));
    const [lockDir] = readdirSync(path.join(env.COMM100_LEDGER_DIR!, "runs", runDir, "locks"));
    writeFileSync(
      path.join(env.COMM100_LEDGER_DIR!, "runs", runDir, "locks", lockDir, "pid"),
      String(exitedPid()),
    );

    const taken = await Promise.race([
      memory.lock("key").then(() => "taken over"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1000)),
    ]);
    expect(taken).toBe("taken over");
    lock.release();
  });

  it("forgets what the processes of an earlier engine with the same address left", () => {
    const env = ledgerEnv();
    const earlier = SharedRunMemory.forEngine("127.0.0.1:40006", env);
    earlier.claim(id, urnA);
    earlier.markDeletedOrMoved(id);
    const [runDir] = readdirSync(path.join(env.COMM100_LEDGER_DIR!, "runs"));
    const members = path.join(env.COMM100_LEDGER_DIR!, "runs", runDir, "members");
    for (const member of readdirSync(members)) {
      // This process stands in for the earlier engine's: make its membership an exited one's.
      writeFileSync(path.join(members, String(exitedPid())), "");
      rmSync(path.join(members, member));
    }

    const later = SharedRunMemory.forEngine("127.0.0.1:40006", env);
    expect(later.holderOf(id)).toBeUndefined();
    expect(later.wasDeletedOrMoved(id)).toBe(false);
  });

  it("removes run folders of exited processes not joined for a day, and keeps the others", () => {
    const env = ledgerEnv();
    SharedRunMemory.forEngine("127.0.0.1:40008", env);
    const runs = path.join(env.COMM100_LEDGER_DIR!, "runs");
    const [live] = readdirSync(runs);
    const dayAndMinuteAgo = (Date.now() - staleRunMs - 60_000) / 1000;
    for (const [name, pid] of [
      ["exited-old", exitedPid()],
      ["exited-recent", exitedPid()],
    ] as const) {
      mkdirSync(path.join(runs, name, "members"), { recursive: true });
      writeFileSync(path.join(runs, name, "members", String(pid)), "");
    }
    utimesSync(path.join(runs, "exited-old"), dayAndMinuteAgo, dayAndMinuteAgo);
    utimesSync(path.join(runs, live), dayAndMinuteAgo, dayAndMinuteAgo);

    SharedRunMemory.forEngine("127.0.0.1:40009", env);
    const left = readdirSync(runs);
    expect(left).not.toContain("exited-old");
    expect(left).toContain("exited-recent");
    expect(left).toContain(live); // old, but this process is its member and still runs
  });

  it("finds the engine's address among a provider's arguments", () => {
    expect(SharedRunMemory.engineAddressIn(["127.0.0.1:5555"])).toBe("127.0.0.1:5555");
    expect(
      SharedRunMemory.engineAddressIn(["--logtostderr", "-v=9", "--tracing", "h:1", "[::1]:77"]),
    ).toBe("[::1]:77");
    expect(SharedRunMemory.engineAddressIn([])).toBeUndefined();
    expect(SharedRunMemory.engineAddressIn(["--root", "/tmp"])).toBeUndefined();
  });

  it("is this process's alone, with a warning, when its folder cannot be made", () => {
    const file = path.join(freshDir(), "not-a-folder");
    writeFileSync(file, "");
    const writes: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const memory = SharedRunMemory.forEngine("127.0.0.1:40007", { COMM100_LEDGER_DIR: file });
    stderr.mockRestore();
    expect(memory).toBeInstanceOf(LocalRunMemory);
    expect(memory.claim(id, urnA)).toBeUndefined();
    expect(memory.claim(id, urnB)).toBe(urnA);
    expect(writes.join("")).toContain("cannot share this run's webhook ownership");
  });
});
