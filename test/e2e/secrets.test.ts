import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultToken, startEmulator, type Account } from "../../emulator";
import { createComm100Stack, webhookResources, webhooksProgram } from "../support/comm100Stack";
import { siteId } from "../support/emulatorTestBed";

const oldToken = "rotation-old-token-7f3a9c";
const newToken = "rotation-new-token-1b8e4d";
const site = (token: string): Account => ({ siteId, bearerTokens: [token], agents: [] });

describe("credentials", () => {
  it("follow a token rotation: up, refresh and destroy use the new secret config", async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), "rotation-")), "webhooks.json");
    let emulator = await startEmulator({ accounts: [site(oldToken)], dataFile });
    const hook = { event: "chatStarts", targetUrl: "https://hooks.example.com/a" };
    const test = await createComm100Stack("rotation", {
      emulator,
      program: webhooksProgram({ hook }),
      config: { "comm100:accessToken": { secret: oldToken } },
    });
    await test.up();
    const id = (await test.outputs()).hookId.value;

    // The old token is revoked: the same server now accepts only the new one.
    const port = emulator.port;
    await emulator.close();
    emulator = await startEmulator({ accounts: [site(newToken)], dataFile, port });
    await test.stack.setConfig("comm100:accessToken", { value: newToken, secret: true });

    // refresh and destroy configure providers from the last deployment (the revoked token) ...
    const refused = await test.cli(["refresh", "--yes", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain("HTTP 401");
    expect(refused.stdout).toContain("run `pulumi up` or add --run-program");
    expect(refused.stdout + refused.stderr).not.toContain(oldToken);
    // ... unless they run the program, or `up` records the new settings first.
    const rerun = await test.cli(["refresh", "--run-program", "--yes", "--non-interactive"]);
    expect(rerun.code).toBe(0);
    test.writeProgram(
      webhooksProgram({ hook: { ...hook, targetUrl: "https://hooks.example.com/b" } }),
    );
    const up = await test.up();
    expect(up.resourceChanges).toMatchObject({ update: 1 });
    expect(emulator.control.webhooks(siteId)).toEqual([
      { id, ...hook, targetUrl: "https://hooks.example.com/b" },
    ]);
    await test.refresh({ expectNoChanges: true });
    await test.destroy();
    expect(emulator.control.webhooks(siteId)).toEqual([]);
    await emulator.close();
  });

  it("never appear in state, --debug output, error messages or the server's log", async () => {
    const test = await createComm100Stack("secrets", {
      program: webhooksProgram({
        hook: { event: "chatEnds", targetUrl: "https://hooks.example.com/x" },
      }),
    });
    const verbose = ["--yes", "--non-interactive", "--debug"];
    const up = await test.cli(["up", ...verbose]);
    expect(up.code).toBe(0);
    const refresh = await test.cli(["refresh", ...verbose]);
    expect(refresh.code).toBe(0);
    const state = await test.exportState();
    expect(state).toContain('"comm100:accessToken"'); // stored, but encrypted
    const serverLog = JSON.stringify(test.emulator.control.requests());
    for (const text of [up.stdout, up.stderr, refresh.stdout, refresh.stderr, state, serverLog]) {
      expect(text).not.toContain(defaultToken);
    }
    const [webhook] = await webhookResources(test);
    const providerBytes = Buffer.byteLength(String(webhook.inputs.__provider));
    console.log(
      `__provider bytes per resource (package installed in node_modules): ${providerBytes}`,
    );
    expect(providerBytes).toBeLessThan(4096);

    // A wrong token: the error says what to do and does not echo it.
    await test.stack.setConfig("comm100:accessToken", { value: "wrong-token-0d2c", secret: true });
    const failed = await test.cli(["refresh", "--run-program", ...verbose]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toMatch(/Comm100 API: list webhooks failed: HTTP 401/);
    expect(failed.stdout + failed.stderr).not.toContain("wrong-token-0d2c");
    await test.stack.setConfig("comm100:accessToken", { value: defaultToken, secret: true });
    await test.destroy();
    await test.emulator.close();
  });

  // A webhook records the account it lives in (a secret output), so that a change of settings
  // moves it instead of leaving it behind: the engine's -v=9 RPC trace prints it, as it prints
  // every secret it passes, while our own lines and the state never hold it in plain text.
  it("given through the environment reach -v=9 logs only through the engine's own RPC tracing", async () => {
    const emulator = await startEmulator();
    const test = await createComm100Stack("v9-env", {
      emulator,
      noConnectionConfig: true,
      program: webhooksProgram({
        hook: { event: "chatEnds", targetUrl: "https://hooks.example.com/x" },
      }),
      env: { COMM100_BASE_URL: emulator.baseUrl, COMM100_ACCESS_TOKEN: defaultToken },
    });
    const v9 = ["--yes", "--non-interactive", "--debug", "-v=9", "--logtostderr", "--logflow"];
    const up = await test.cli(["up", ...v9]);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain("Marshaling property for RPC"); // the -v=9 log really was captured
    const state = await test.exportState();
    expect(state).not.toContain(defaultToken);
    const [webhook] = await webhookResources(test);
    expect(webhook.outputs.account).toHaveProperty("ciphertext");
    const destroy = await test.cli(["destroy", ...v9]);
    expect(destroy.code).toBe(0);
    expectOnlyEngineRpcTraces(up.stdout + up.stderr + destroy.stdout + destroy.stderr);
    expect(emulator.control.webhooks(siteId)).toEqual([]);
    await emulator.close();
  });

  it("in stack config reach -v=9 logs only through the engine's own RPC tracing", async () => {
    const test = await createComm100Stack("v9-config", {
      program: webhooksProgram({
        hook: { event: "chatEnds", targetUrl: "https://hooks.example.com/x" },
      }),
    });
    const up = await test.cli([
      "up",
      "--yes",
      "--non-interactive",
      "-v=9",
      "--logtostderr",
      "--logflow",
    ]);
    expect(up.code).toBe(0);
    expectOnlyEngineRpcTraces(up.stdout + up.stderr);
    await test.destroy();
    await test.emulator.close();
  });

  it("given through the `connection` argument stay encrypted in the state", async () => {
    const test = await createComm100Stack("connection-arg", {
      noConnectionConfig: true,
      program: `
import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";
const config = new pulumi.Config();
const hook = new Comm100Webhook("hook", {
  event: "chatIsRequested",
  targetUrl: pulumi.secret("https://hooks.example.com/secret-path"),
  connection: { baseUrl: config.require("baseUrl"), accessToken: config.requireSecret("token") },
});
export const targetUrl = hook.targetUrl;
`,
    });
    await test.stack.setAllConfig({
      "connection-arg:baseUrl": { value: test.emulator.baseUrl },
      "connection-arg:token": { value: defaultToken, secret: true },
    });
    await test.up();
    expect(test.remoteWebhooks()).toHaveLength(1);
    const state = await test.exportState();
    expect(state).not.toContain(defaultToken);
    expect(state).not.toContain("secret-path");
    const [webhook] = await webhookResources(test);
    expect(webhook.outputs.connection).toHaveProperty("ciphertext");
    const outputs = await test.cli(["stack", "output", "--json"]);
    expect(JSON.parse(outputs.stdout).targetUrl).toBe("[secret]");
    await test.refresh({ expectNoChanges: true });
    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

/**
 * Asserts that the token is in `log` (the engine and the SDK unwrap secrets in their RPC traces
 * at -v=9 and --debug), but only in those traces. A trace may span several lines (the SDK prints
 * `__provider`'s code); a record starts at a line that is not indented, or at a `debug:` line.
 */
function expectOnlyEngineRpcTraces(log: string): void {
  const records: string[] = [];
  for (const line of log.split("\n")) {
    if (records.length === 0 || /^(\S|\s*debug: )/.test(line)) records.push(line);
    else records[records.length - 1] += `\n${line}`;
  }
  const leaking = records.filter((record) => record.includes(defaultToken));
  expect(leaking.length).toBeGreaterThan(0);
  const rpcTrace = /(Un)?[Mm]arshaling property for RPC\[|RegisterResource RPC finished/;
  for (const record of leaking) expect(record.slice(0, 2000)).toMatch(rpcTrace);
}
