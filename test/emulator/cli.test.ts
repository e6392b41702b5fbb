import axios from "axios";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleWebhook, siteId, upperGuid } from "../support/emulatorTestBed";
import { repoRoot } from "../../pulumiProject/paths";

const token = "cli-test-token";
const extraToken = "cli-config-token";
const numericSiteToken = "cli-numeric-site-token";

/** Waits until the CLI has printed its banner and returns everything printed so far. */
function banner(child: ChildProcessWithoutNullStreams, output: { text: string }): Promise<string> {
  return new Promise((resolveBanner, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output.text += chunk.toString("utf8");
      if (output.text.includes("Press Ctrl+C to stop.")) resolveBanner(output.text);
    });
    child.on("exit", (code) => reject(new Error(`CLI exited early (${code}): ${output.text}`)));
  });
}

describe("scripts/emulator.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "comm100-emulator-cli-"));
  const output = { text: "" };
  let child: ChildProcessWithoutNullStreams;
  let baseUrl: string;

  beforeAll(async () => {
    const config = join(dir, "accounts.json");
    writeFileSync(
      config,
      JSON.stringify({
        accounts: [
          { siteId: "30000", bearerTokens: [extraToken], agents: [] },
          { siteId: 40000, bearerTokens: [numericSiteToken] },
        ],
      }),
    );
    // The local tsx binary (not npx) so that SIGTERM reaches the emulator process itself.
    child = spawn(
      join(repoRoot, "node_modules/.bin/tsx"),
      [
        "scripts/emulator.ts",
        "--port",
        "0",
        "--token",
        token,
        "--data",
        join(dir, "data.json"),
        "--config",
        config,
      ],
      { cwd: repoRoot },
    );
    const printed = await banner(child, output);
    const match = /API base URL:\s+(http:\/\/127\.0\.0\.1:\d+\/v4)/.exec(printed);
    if (!match) throw new Error(`no base URL in: ${printed}`);
    baseUrl = match[1];
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the base URL, the control URL and how to authenticate, without the token", () => {
    expect(output.text).toContain(`Control URL:   ${baseUrl.replace(/\/v4$/, "/__control")}`);
    expect(output.text).toContain("Bearer <the token passed with --token>");
    expect(output.text).toContain("local test credentials");
    expect(output.text).not.toContain(token);
  });

  it("serves the seed document's sample requests with the token passed", async () => {
    const api = axios.create({
      baseURL: baseUrl,
      headers: { Authorization: `Bearer ${token}` },
      validateStatus: () => true,
    });
    const listed = await api.get("/livechat/webhooks");
    expect([listed.status, listed.data]).toEqual([200, []]);
    const created = await api.post("/livechat/webhooks", sampleWebhook);
    expect(created.status).toBe(201);
    expect(created.data.id).toMatch(upperGuid);
    const url = `/livechat/webhooks/${created.data.id}`;
    expect((await api.get(url)).data).toEqual(created.data);
    const updated = await api.put(url, { ...sampleWebhook, event: "chatEnds" });
    expect([updated.status, updated.data.event]).toEqual([200, "chatEnds"]);
    expect((await api.delete(url)).status).toBe(204);
    expect(
      (await api.get("/livechat/webhooks", { headers: { Authorization: "Bearer x" } })).status,
    ).toBe(401);
  });

  it("serves the accounts of --config as well, including a siteId written as a number", async () => {
    for (const configToken of [extraToken, numericSiteToken]) {
      const response = await axios.get(`${baseUrl}/livechat/webhooks`, {
        headers: { Authorization: `Bearer ${configToken}` },
      });
      expect(response.status).toBe(200);
    }
    const created = await axios.post(`${baseUrl}/livechat/webhooks`, sampleWebhook, {
      headers: { Authorization: `Bearer ${numericSiteToken}` },
    });
    const controlUrl = baseUrl.replace(/\/v4$/, "/__control");
    const site = await axios.get(`${controlUrl}/accounts/40000/webhooks`);
    expect(site.data).toEqual([created.data]);
  });

  it("prints one line per API request, without credentials", () => {
    expect(output.text).toContain(`[emulator] POST /v4/livechat/webhooks -> 201 site=${siteId}`);
    expect(output.text).not.toContain(token);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolveExit) => child.on("exit", resolveExit));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.text).toContain("Comm100 emulator stopped.");
  });
});

describe("scripts/emulator.ts with an invalid --config", () => {
  it("exits with 1, naming the bad field and what it must be", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comm100-emulator-cli-"));
    try {
      const config = join(dir, "accounts.json");
      writeFileSync(config, JSON.stringify({ accounts: [{ siteId: 30000.5 }] }));
      const child = spawn(
        join(repoRoot, "node_modules/.bin/tsx"),
        ["scripts/emulator.ts", "--port", "0", "--config", config],
        { cwd: repoRoot },
      );
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const code = await new Promise<number | null>((resolveExit) => child.on("exit", resolveExit));
      expect(code).toBe(1);
      expect(stderr).toContain(
        'accounts[0].siteId must be the site id as a string or whole number, e.g. "30000"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
