import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultToken, startEmulator, type RunningEmulator } from "../../emulator";
import { testPassphrase } from "../../pulumiProject/isolatedStack";
import { pulumiCliRoot, repoRoot } from "../../pulumiProject/paths";
import { pluginDir } from "../support/pluginPrograms";
import { route, siteId } from "../support/emulatorTestBed";

const run = promisify(execFile);
const exampleDir = path.join(repoRoot, "examples", "go");

/** The webhooks examples/go/main.go declares, for `-target https://hooks.example.com`. */
const declared = [
  { event: "chatStarts", targetUrl: "https://hooks.example.com/chat-starts" },
  { event: "chatEnds", targetUrl: "https://hooks.example.com/chat-ends" },
];

describe("examples/go: the generated Go SDK in an Automation API inline program", () => {
  let work: string;
  let binary: string;

  // The first build compiles the Pulumi Go SDK: about 90 s on an empty Go build cache.
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-go-"));
    binary = path.join(work, "go-example");
    await run("go", ["build", "-o", binary, "."], { cwd: exampleDir, timeout: 600_000 });
  }, 660_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("up creates the declared webhooks, a second run changes nothing, -destroy empties the account", async () => {
    const emulator: RunningEmulator = await startEmulator();
    const state = path.join(work, "state");
    const temp = path.join(work, "tmp");
    mkdirSync(temp);
    const env = {
      ...process.env,
      PATH: [path.join(pulumiCliRoot(), "bin"), process.env.PATH ?? ""].join(path.delimiter),
      PULUMI_HOME: path.join(work, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: testPassphrase,
      COMM100_BASE_URL: emulator.baseUrl,
      COMM100_ACCESS_TOKEN: defaultToken,
      COMM100_RETRY_BASE_DELAY_MS: "20",
      // The provider's call ledger stays with this test.
      TMPDIR: temp,
    };
    const example = async (...args: string[]) => {
      const flags = [
        "-dir",
        state,
        "-plugin-dir",
        pluginDir,
        "-target",
        "https://hooks.example.com",
      ];
      const result = await run(binary, [...flags, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
      const output = result.stdout + result.stderr;
      expect(output).not.toContain(defaultToken);
      return output;
    };
    const writes = () =>
      [route.create, route.update, route.delete].reduce(
        (sum, key) => sum + (emulator.control.requests().counts[key] ?? 0),
        0,
      );

    try {
      // 1. up: one list (duplicate check) and a POST per webhook; the preview after it, none.
      const first = await example();
      expect(first).toContain("3 created");
      const counts = emulator.control.requests().counts;
      expect(counts[route.list]).toBe(1);
      expect(counts[route.create]).toBe(2);
      expect(writes()).toBe(2);
      const remote = emulator.control.webhooks(siteId);
      expect(remote).toHaveLength(2);
      expect(remote).toEqual(
        expect.arrayContaining(declared.map((hook) => expect.objectContaining(hook))),
      );
      for (const { id, event } of remote) {
        const name = event === "chatStarts" ? "chatStartsId" : "chatEndsId";
        expect(first).toContain(`${name}: ${id}`);
      }
      expect(first).toMatch(/Preview after up: map\[same:3\]/);

      // The provider got its settings from stack config (not only the environment), and the
      // token is stored encrypted: it is in no file of the state folder.
      const stateFile = path.join(state, ".pulumi", "stacks", "comm100-go-example", "dev.json");
      const resources = JSON.parse(readFileSync(stateFile, "utf8")).checkpoint.latest.resources as {
        type: string;
        inputs: Record<string, unknown>;
      }[];
      const provider = resources.find((resource) => resource.type === "pulumi:providers:comm100");
      expect(provider?.inputs.baseUrl).toBe(emulator.baseUrl);
      for (const file of readdirSync(state, { recursive: true, withFileTypes: true })) {
        if (!file.isFile()) continue;
        expect(readFileSync(path.join(file.parentPath, file.name), "utf8")).not.toContain(
          defaultToken,
        );
      }

      // 2. A second run: nothing to do, no API write (in fact no API call at all).
      emulator.control.clearRequests();
      const second = await example();
      expect(second).toContain("3 unchanged");
      expect(second).toMatch(/Preview after up: map\[same:3\]/);
      expect(writes()).toBe(0);
      expect(emulator.control.requests().total).toBe(0);
      expect(emulator.control.webhooks(siteId)).toEqual(remote);

      // 3. -destroy deletes both webhooks.
      emulator.control.clearRequests();
      const destroyed = await example("-destroy");
      expect(destroyed).toContain("3 deleted");
      expect(emulator.control.requests().counts[route.delete]).toBe(2);
      expect(emulator.control.webhooks(siteId)).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
