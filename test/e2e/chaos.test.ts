import type { ChildProcess } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { faultKinds, startEmulator, type RunningEmulator } from "../../emulator";
import {
  createComm100Stack,
  webhookResources,
  webhooksProgram,
  type Comm100Stack,
} from "../support/comm100Stack";
import { runPulumi } from "../../pulumiProject/pulumiRunner";
import { route } from "../support/emulatorTestBed";

const count = 50;
const seed = 20261126;
const hooksTo = (base: string) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `hook${i}`,
      { event: i % 2 ? "chatStarts" : "chatEnds", targetUrl: `${base}/${i}` },
    ]),
  );
/** No quota here: these tests are about faults, and each run is a new provider process. */
const noQuota = { rateLimit: { max: 1_000_000 } };
/**
 * The emulator commits a request at once, never, or (lateCommit) 1.5 s after it arrived: an
 * unconfirmed create is looked for 3 s before it is sent again.
 */
const settle = { COMM100_CREATE_SETTLE_MS: "3000" };

/** Remote webhooks == stack state == program; no duplicate, no orphan. */
async function expectConsistent(
  test: Comm100Stack,
  hooks: Record<string, { event: string; targetUrl: string }>,
) {
  const remote = test.remoteWebhooks();
  const resources = await webhookResources(test);
  const state = JSON.parse(await test.exportState()).deployment;
  expect(state.pending_operations ?? []).toEqual([]);
  const fromState = resources.map((r) => ({
    id: r.id,
    event: r.outputs.event,
    targetUrl: r.outputs.targetUrl,
  }));
  expect(new Set(remote.map((w) => `${w.event} ${w.targetUrl}`)).size).toBe(remote.length); // no duplicate
  expect([...remote].sort(byId)).toEqual([...fromState].sort(byId)); // no orphan, nothing missing
  for (const resource of resources) {
    const name = resource.urn.split("::").pop()!;
    expect({ event: resource.outputs.event, targetUrl: resource.outputs.targetUrl }).toEqual(
      hooks[name],
    );
  }
  expect(resources).toHaveLength(Object.keys(hooks).length);
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** Runs a command until it succeeds, at most 5 times; returns how many runs it took. */
async function untilSuccess(test: Comm100Stack, args: string[]): Promise<number> {
  for (let run = 1; run <= 5; run++) {
    const result = await test.cli([...args, "--yes", "--skip-preview", "--non-interactive"]);
    if (result.code === 0) return run;
    console.log(
      `run ${run} of \`pulumi ${args.join(" ")}\` failed:\n${result.stdout.slice(-3000)}`,
    );
  }
  throw new Error(`pulumi ${args.join(" ")} did not succeed in 5 runs`);
}

describe("chaos: 20% of API requests fail", () => {
  it(`create, update and destroy ${count} webhooks without duplicates or orphans`, async () => {
    const emulator = await startEmulator(noQuota);
    const test = await createComm100Stack("chaos", {
      emulator,
      env: settle,
      program: webhooksProgram(hooksTo("https://hooks.example.com/v1")),
    });
    emulator.control.setFaults({ rate: 0.2, kinds: [...faultKinds], seed });
    const report: string[] = [];
    const phase = async (name: string, args: string[]) => {
      emulator.control.clearRequests();
      const runs = await untilSuccess(test, args);
      const requests = emulator.control.requests();
      const faults = requests.entries.filter((entry) => entry.fault).length;
      report.push(`${name}: ${runs} run(s), ${requests.total} API calls, ${faults} faulted`);
    };

    await phase("create", ["up"]);
    await expectConsistent(test, hooksTo("https://hooks.example.com/v1"));

    test.writeProgram(webhooksProgram(hooksTo("https://hooks.example.com/v2")));
    await phase("update", ["up"]);
    await expectConsistent(test, hooksTo("https://hooks.example.com/v2"));

    await phase("destroy", ["destroy"]);
    expect(test.remoteWebhooks()).toEqual([]);
    expect(await webhookResources(test)).toEqual([]);
    console.log(`chaos figures (seed ${seed}, 0 duplicates, 0 orphans):\n  ${report.join("\n  ")}`);
    await emulator.close();
  });
});

/**
 * Kills what an interrupted run left behind: Pulumi's dynamic-provider plugin is a shell script
 * that does not `exec` node, so killing the engine can orphan the node process serving it.
 */
function killProcessesIn(dir: string): void {
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone already, or not ours to inspect
    }
  }
}

/**
 * A kill can land while the local backend rewrites the stack's checkpoint or its metadata
 * (`<stack>.json.attrs`) in place: `pulumi` then fails with "failed to load checkpoint: EOF".
 * The backend keeps the previous pair as `<stack>.json.bak`; restoring it is the way out.
 */
function restoreCheckpointIfTorn(test: Comm100Stack): void {
  const stacks = path.join(test.dir, ".state", ".pulumi", "stacks", path.basename(test.dir));
  const checkpoint = path.join(stacks, "test.json");
  try {
    JSON.parse(readFileSync(checkpoint, "utf8"));
    JSON.parse(readFileSync(`${checkpoint}.attrs`, "utf8"));
  } catch {
    console.log("the kill tore the checkpoint; restoring test.json.bak");
    copyFileSync(`${checkpoint}.bak`, checkpoint);
    copyFileSync(`${checkpoint}.bak.attrs`, `${checkpoint}.attrs`);
  }
}

describe("an interrupted `pulumi up`", () => {
  /** Starts `pulumi up`, and interrupts it with `signal` once 10 webhooks were POSTed. */
  async function interruptedUp(
    test: Comm100Stack,
    emulator: RunningEmulator,
    signal: NodeJS.Signals,
  ) {
    let cli: ChildProcess | undefined;
    const exited = runPulumi(["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: test.dir,
      env: test.env,
      detached: true,
      onStart: (child) => (cli = child),
    });
    while ((emulator.control.requests().counts[route.create] ?? 0) < 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // SIGINT goes to the CLI like Ctrl+C; SIGKILL takes down the CLI and every plugin, like a crash.
    if (signal === "SIGKILL") process.kill(-cli!.pid!, "SIGKILL");
    else cli!.kill(signal);
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    killProcessesIn(test.dir);
  }

  it("with Ctrl+C: the next `up` completes it", async () => {
    const emulator = await startEmulator({ ...noQuota, latencyMs: 100 });
    const hooks = hooksTo("https://hooks.example.com/int");
    const test = await createComm100Stack("interrupt", {
      emulator,
      env: settle,
      program: webhooksProgram(hooks),
    });
    await interruptedUp(test, emulator, "SIGINT");
    const partial = test.remoteWebhooks().length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(count);

    expect(await untilSuccess(test, ["up"])).toBe(1);
    await expectConsistent(test, hooks);
    console.log(`Ctrl+C after ${partial} webhooks existed; the next up completed the stack`);
    await test.destroy();
    await emulator.close();
  });

  it("killed outright: cancel, clear pending creates, then one `up` that adopts what the dead run created", async () => {
    const emulator = await startEmulator({ ...noQuota, latencyMs: 100 });
    const hooks = hooksTo("https://hooks.example.com/kill");
    const test = await createComm100Stack("killed", { emulator, program: webhooksProgram(hooks) });
    await interruptedUp(test, emulator, "SIGKILL");
    restoreCheckpointIfTorn(test);
    const orphans = test.remoteWebhooks().length - (await webhookResources(test)).length;
    expect(orphans).toBeGreaterThan(0);

    // The dead run left its lock and its pending creates: Pulumi's documented way out is
    // `cancel`, then `refresh --clear-pending-creates`. A plain `up` then refuses to double anything.
    expect((await test.cli(["cancel", "--yes", "--non-interactive"])).code).toBe(0);
    const cleared = await test.cli([
      "refresh",
      "--clear-pending-creates",
      "--yes",
      "--skip-preview",
      "--non-interactive",
    ]);
    expect(cleared.code).toBe(0);
    const refused = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain("COMM100_ADOPT_EXISTING=true pulumi up");
    expect(new Set(test.remoteWebhooks().map((w) => w.targetUrl)).size).toBe(
      test.remoteWebhooks().length,
    );

    const adopt = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"], {
      COMM100_ADOPT_EXISTING: "true",
    });
    expect(adopt.code).toBe(0);
    await expectConsistent(test, hooks);
    await test.stack.preview({ expectNoChanges: true });
    console.log(
      `killed with ${orphans} webhooks created but unrecorded; one adopting up recovered them`,
    );
    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await emulator.close();
  });
});
