import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { defaultToken, startEmulator } from "../../emulator";
import { createTestStack } from "../../pulumiProject/isolatedStack";
import { repoRoot } from "../../pulumiProject/paths";
import { webhooksProgram } from "../support/comm100Stack";
import { siteId } from "../support/emulatorTestBed";

describe("the package as users get it", () => {
  it("installs from `npm pack` into a fresh project and deploys from there", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-pack-"));
    const packDir = path.join(root, "pack");
    mkdirSync(packDir);
    execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: repoRoot });
    const [tarball] = readdirSync(packDir);
    expect(tarball).toMatch(/^pulumi-comm100-\d+\.\d+\.\d+\.tgz$/);

    const emulator = await startEmulator();
    const test = await createTestStack(root, "consumer", {
      program: webhooksProgram({
        hook: { event: "chatIsWrappedUp", targetUrl: "https://hooks.example.com/w" },
      }),
      config: {
        "comm100:baseUrl": emulator.baseUrl,
        "comm100:accessToken": { secret: defaultToken },
      },
      typescript: "ts-node-typed",
    });
    // What a `pulumi new typescript` project has: the SDK and a TypeScript 5 compiler.
    const versionOf = (name: string): string =>
      JSON.parse(readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8"))
        .version;
    execFileSync(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--silent",
        path.join(packDir, tarball),
        `@pulumi/pulumi@${versionOf("@pulumi/pulumi")}`,
        `typescript@${versionOf("typescript")}`,
      ],
      { cwd: test.dir },
    );
    const installed = readdirSync(path.join(test.dir, "node_modules", "pulumi-comm100", "dist"));
    expect(installed).toContain("index.d.ts");
    expect(installed.some((file) => file.endsWith(".test.js"))).toBe(false);

    await test.up();
    const { hookId } = await test.outputs();
    expect(emulator.control.webhooks(siteId)).toEqual([
      { id: hookId.value, event: "chatIsWrappedUp", targetUrl: "https://hooks.example.com/w" },
    ]);
    const state = JSON.parse(await test.exportState());
    const webhook = state.deployment.resources.find((r: { type: string }) =>
      r.type.endsWith("comm100:Webhook"),
    );
    expect(webhook.inputs.__provider).toContain(
      'require("pulumi-comm100/dist/dynamic/processLifecycle.js")',
    );
    await test.stack.preview({ expectNoChanges: true });

    // The package's command, as `npx` runs it from the installed package (asynchronously: the
    // emulator answers from this process).
    const discovered = await promisify(execFile)(
      "npx",
      ["--no-install", "pulumi-comm100", "discover", "--stack", "test", "--out", "found"],
      { cwd: test.dir, env: { ...process.env, ...test.env } },
    );
    expect(discovered.stdout).toContain(
      "0 webhook(s) to bring under management, 1 already managed",
    );

    await test.destroy();
    expect(emulator.control.webhooks(siteId)).toEqual([]);
    await emulator.close();
  });
});
