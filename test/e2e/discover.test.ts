import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { defaultToken, startEmulator, type RunningEmulator } from "../../emulator";
import { repoRoot } from "../../pulumiProject/paths";
import { createComm100Stack, type Comm100Stack } from "../support/comm100Stack";
import { installPlugin, pluginDir } from "../support/pluginPrograms";
import { route, siteId } from "../support/emulatorTestBed";

/**
 * An account made by hand (ten webhooks, two of them identical) brought under Pulumi in one
 * step: `discover` lists it and writes the import file and the program, `pulumi import --file`
 * (YAML) or `up` (TypeScript) takes everything over without a create or a delete.
 */

const secretPath = "s3cret-7f3a";
const handMade = [
  { event: "chatStarts", targetUrl: `https://crm.example.com/${secretPath}/start` },
  { event: "chatStarts", targetUrl: `https://crm.example.com/${secretPath}/start` },
  { event: "chatEnds", targetUrl: `https://crm.example.com/${secretPath}/end` },
  { event: "chatIsWrappedUp", targetUrl: "https://crm.example.com/wrap" },
  { event: "chatIsRequested", targetUrl: "https://queue.example.net/requested" },
  { event: "chatIsTransferred", targetUrl: "https://queue.example.net/transferred" },
  { event: "agentStatusChanges", targetUrl: "https://staff.example.org/status" },
  { event: "offlineMessageIsSubmitted", targetUrl: "https://help.example.com/offline" },
  { event: "chatStarts", targetUrl: "https://analytics.example.com/start" },
  { event: "chatEnds", targetUrl: "https://analytics.example.com/end" },
];

/** Makes the hand-made webhooks in the emulator's default site; returns them. */
function seed(emulator: RunningEmulator) {
  return handMade.map((fields) => emulator.control.createWebhook(siteId, fields));
}

/** `discover` through the Pulumi CLI, as users of every language run it. */
function discoverVia(test: Comm100Stack, args: string[], env: Record<string, string> = {}) {
  return test.cli(
    ["plugin", "run", "--kind", "resource", "comm100", "--", "discover", ...args],
    env,
  );
}

/** `npx pulumi-comm100 discover …` in the stack's project folder: the package's command, built. */
async function npxDiscover(test: Comm100Stack, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, "dist/cli/main.js"), "discover", ...args],
      { cwd: test.dir, env: { ...process.env, ...test.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");

/**
 * `pulumi import --file` of what `discover` wrote in `out`, into a program declaring it: all 9
 * imported with no create and no delete, then a clean preview. Resolves to the import's output.
 */
async function importDiscovered(test: Comm100Stack, out: string): Promise<string> {
  test.resetCalls();
  const imported = await test.cli([
    ...["import", "--file", path.join(out, "import.json")],
    ...["--yes", "--non-interactive", "--generate-code=false"],
  ]);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain("9 imported");
  expect(test.callsByRoute()[route.create]).toBeUndefined();
  expect(test.callsByRoute()[route.delete]).toBeUndefined();
  const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
  expect(clean.code).toBe(0);
  return imported.stdout;
}

describe("bringing a hand-made account under Pulumi", () => {
  it("discovers it, imports it from YAML in one step, and finds nothing left after", async () => {
    const test = await createComm100Stack("discover-yaml", {
      runtime: "yaml",
      pluginDir,
      program: "",
    });
    const made = seed(test.emulator);
    await installPlugin(test);

    // `pulumi do comm100:Webhook list`: every webhook, one list call.
    test.resetCalls();
    const listed = await test.cli(["do", "comm100:Webhook", "list"], {
      COMM100_BASE_URL: test.emulator.baseUrl,
      COMM100_ACCESS_TOKEN: defaultToken,
    });
    expect(listed.code).toBe(0);
    for (const webhook of made) expect(listed.stdout).toContain(webhook.id);
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });

    test.resetCalls();
    const found = await discoverVia(test, ["--stack", "test", "--out", "found"]);
    expect(found.code).toBe(0);
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    const out = path.join(test.dir, "found");
    const [kept, twin] = [made[0], made[1]].sort((a, b) => a.id.localeCompare(b.id));
    expect(found.stdout).toContain("9 webhook(s) to bring under management, 0 already managed");
    expect(found.stdout).toContain(
      `Twins: 2 webhooks for event "chatStarts" to https://crm.example.com/…`,
    );
    expect(found.stdout).toContain(`to delete: ${twin.id}`);
    expect(found.stdout + found.stderr).not.toContain(secretPath);
    expect(found.stdout + found.stderr).not.toContain(defaultToken);
    const imports = JSON.parse(read(out, "import.json")).resources as { id: string }[];
    expect(imports.map(({ id }) => id).sort()).toEqual(
      made
        .filter((webhook) => webhook !== twin)
        .map(({ id }) => id)
        .sort(),
    );
    for (const file of [
      "import.json",
      "webhooks.ts",
      "webhooks.yaml",
      "webhooks.py",
      "report.txt",
    ]) {
      expect(read(out, file)).not.toContain(defaultToken);
    }
    expect(read(out, "import.json")).not.toContain(secretPath);
    expect(kept.id).not.toBe(twin.id);

    // The YAML it wrote, and `pulumi import --file`: no create, no delete, a clean preview.
    test.writeProgram(read(out, "webhooks.yaml").replace(/^#.*\n/gm, ""));
    const imported = await importDiscovered(test, out);
    expect(imported).toContain(`has an identical twin in`);
    expect(test.remoteWebhooks()).toHaveLength(10);

    // Discovered again: everything is managed, nothing to import; the twin still reported.
    const again = await discoverVia(test, ["--stack", "test", "--out", "again"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 webhook(s) to bring under management, 9 already managed");
    expect(JSON.parse(read(path.join(test.dir, "again"), "import.json"))).toEqual({
      resources: [],
    });
    expect(again.stdout).toContain(`to delete: ${twin.id}`);
  });

  it("writes a Python program that matches what `pulumi import --file` brings in", async () => {
    const test = await createComm100Stack("discover-python", {
      runtime: "python",
      pluginDir,
      program: "",
    });
    seed(test.emulator);
    await installPlugin(test);
    const found = await discoverVia(test, ["--stack", "test", "--out", "found"]);
    expect(found.code).toBe(0);
    const out = path.join(test.dir, "found");

    test.writeProgram(read(out, "webhooks.py"));
    await importDiscovered(test, out);
  });

  it("writes a TypeScript program that adopts every webhook with `up`: no POST, no DELETE", async () => {
    const emulator = await startEmulator();
    const made = seed(emulator);
    const test = await createComm100Stack("discover-ts", { emulator, program: "export {};\n" });

    // `npx pulumi-comm100 discover`, with the connection from COMM100_* variables.
    const found = await npxDiscover(test, ["--out", "found"], {
      COMM100_BASE_URL: emulator.baseUrl,
      COMM100_ACCESS_TOKEN: defaultToken,
    });
    expect(found.code).toBe(0);
    expect(found.stdout).toContain("9 webhook(s) to bring under management");
    const out = path.join(test.dir, "found");

    test.writeProgram(read(out, "webhooks.ts"));
    test.resetCalls();
    const adopted = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    expect(adopted.code).toBe(0);
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(adopted.stdout).toContain("has an identical twin in");
    const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(clean.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual(expect.arrayContaining(made));
    expect(test.remoteWebhooks()).toHaveLength(made.length);

    const again = await npxDiscover(test, ["--stack", "test", "--out", "again"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 webhook(s) to bring under management, 9 already managed");
  });
});

describe("discover refuses bad input before writing anything", () => {
  it.each([
    ["an unknown stack", ["--stack", "nope", "--out", "bad"], {}, 'cannot read stack "nope"'],
    ["no credentials", ["--out", "bad"], {}, "Comm100 connection settings are missing"],
    ["a rejected token", ["--out", "bad"], { COMM100_ACCESS_TOKEN: "wrong" }, "HTTP 401"],
    ["a flag without its value", ["--out"], {}, "--out needs a value"],
    ["a misspelt flag", ["--stak", "test", "--out", "bad"], {}, 'unknown argument "--stak"'],
  ])("refuses %s", async (_case, args, extraEnv, text) => {
    const test = await createComm100Stack(`discover-bad-${args.length}-${text.length}`, {
      program: "export {};\n",
      noConnectionConfig: true,
    });
    const env =
      "COMM100_ACCESS_TOKEN" in extraEnv
        ? { COMM100_BASE_URL: test.emulator.baseUrl, ...extraEnv }
        : {};
    const result = await npxDiscover(test, args, env);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(text);
    expect(result.stdout + result.stderr).not.toContain("wrong");
    expect(existsSync(path.join(test.dir, "bad"))).toBe(false);
  });
});
