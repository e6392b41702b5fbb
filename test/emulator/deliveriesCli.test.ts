import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { refusingUrl, useTargets } from "../support/deliveryTargets";
import { siteId, useEmulator } from "../support/emulatorTestBed";
import { chatScenario, secondAccount } from "../../emulator";
import { repoRoot } from "../../pulumiProject/paths";

const run = promisify(execFile);

/** Runs `npm run trigger -- <args>` (the script itself, through the local tsx). */
async function triggerCommand(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(repoRoot, "node_modules/.bin/tsx"),
      ["scripts/trigger.ts", ...args],
      { cwd: repoRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("scripts/trigger.ts (npm run trigger)", () => {
  const emulator = useEmulator({ deliveries: { loopbackOnly: true, timeoutMs: 1000 } });
  const startTarget = useTargets();
  const server = () => emulator().baseUrl.replace(/\/v4$/, "");

  it("fires a whole chat and prints one row per delivery", async () => {
    const target = await startTarget();
    const ids = chatScenario.map(
      (event) => emulator().control.createWebhook(siteId, { event, targetUrl: target.url }).id,
    );

    const { code, stdout } = await triggerCommand("chat", "--server", server());

    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^WEBHOOK +EVENT +BODY EVENT +TARGET +RESULT +MS$/);
    expect(lines.slice(1, 6).map((line) => line.split(/ {2,}/).slice(0, 5))).toEqual(
      chatScenario.map((event, i) => [
        ids[i],
        event,
        expect.stringMatching(/^chat_/),
        target.url,
        "204 No Content",
      ]),
    );
    expect(lines.slice(6)).toEqual([
      "5 deliveries, all answered 2xx.",
      "Note: Comm100 does not publish the body of chatIsRequested or chatIsTransferred; " +
        "the server sends an assumed shape.",
    ]);
    expect(target.requests).toHaveLength(5);
  });

  it("exits with 1 when a target fails, --count times, accepting the API base URL as --server", async () => {
    emulator().control.createWebhook(siteId, {
      event: "chatEnds",
      targetUrl: await refusingUrl(),
    });
    const { code, stdout } = await triggerCommand(
      "chatEnds",
      "--count",
      "2",
      "--server",
      emulator().baseUrl,
    );
    expect(code).toBe(1);
    expect(stdout.match(/connection refused/g)).toHaveLength(2);
    expect(stdout).toContain("2 deliveries, 2 failed.");
  });

  it("with --target-prefix, delivers only to the webhooks whose targetUrl starts with it", async () => {
    const [mine, production] = [await startTarget(), await startTarget()];
    for (const target of [mine, production]) {
      emulator().control.createWebhook(siteId, { event: "chatStarts", targetUrl: target.url });
    }
    const prefix = mine.url.replace(/comm100$/, "");

    const { code, stdout } = await triggerCommand(
      "chatStarts",
      "--server",
      server(),
      "--target-prefix",
      prefix,
    );

    expect([code, mine.requests.length, production.requests.length]).toEqual([0, 1, 0]);
    expect(stdout).toContain("1 delivery, all answered 2xx.");
    const none = await triggerCommand("chatEnds", "--server", server(), "--target-prefix", prefix);
    expect(none.stdout.trim()).toBe(
      `No webhook of site ${siteId} with a targetUrl under ${prefix} is subscribed to chatEnds: nothing was sent.`,
    );
  });

  it("says so when no webhook is subscribed, and sends nothing", async () => {
    const { code, stdout } = await triggerCommand(
      "chatStarts",
      "--server",
      server(),
      "--site",
      secondAccount.siteId,
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      `No webhook of site ${secondAccount.siteId} is subscribed to chatStarts: nothing was sent.`,
    );
  });

  it("prints the server's reason for an unknown event, and how to start a missing server", async () => {
    const unknown = await triggerCommand("chat_started", "--server", server());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "trigger failed: the server answered 400: event must be one of: ",
    );
    const down = await triggerCommand("chat", "--server", await refusingUrl());
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /cannot reach the Comm100-compatible server at .*ECONNREFUSED.*npm run emulator/,
    );
  });

  it("prints its usage without an event", async () => {
    const { code, stdout } = await triggerCommand();
    expect(code).toBe(1);
    expect(stdout).toContain("Usage: npm run trigger -- <event> [options]");
    expect(stdout).toContain(
      "chatIsRequested → chatStarts → chatIsTransferred → chatEnds → chatIsWrappedUp",
    );
  });
});
