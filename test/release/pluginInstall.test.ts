import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pulumiCliRoot } from "../../pulumiProject/paths";
import { pluginDownloadURL } from "../../provider/plugin/schema";
import { createComm100Stack, type Comm100Stack } from "../support/comm100Stack";
import { route } from "../support/emulatorTestBed";
import {
  releaseDir,
  releaseVersion,
  serveRelease,
  type ReleaseServer,
} from "../support/releaseArtifacts";

const version = releaseVersion();
const archiveName = `pulumi-resource-comm100-v${version}-linux-amd64.tar.gz`;
const up = ["up", "--yes", "--skip-preview", "--non-interactive"];
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** The executable inside the linux-amd64 archive the release server offers. */
const releasedExecutable = sha256(
  execFileSync("tar", ["-xzOf", path.join(releaseDir, archiveName), "pulumi-resource-comm100"], {
    maxBuffer: 512 * 1024 * 1024,
  }),
);

let server: ReleaseServer;
beforeAll(async () => {
  server = await serveRelease();
});
afterAll(() => server.close());

/**
 * A folder holding only the CLI and its YAML and Python hosts, as the one entry of PATH besides
 * `extra`: no `node` can be found, as on the machine of a user who never installed Node.js.
 */
function pathWithoutNode(dir: string, extra: string[] = []): string {
  const bin = path.join(dir, ".no-node-bin");
  mkdirSync(bin, { recursive: true });
  const cliBin = path.join(pulumiCliRoot(), "bin");
  for (const tool of [
    "pulumi",
    "pulumi-language-yaml",
    "pulumi-language-python",
    "pulumi-language-python-exec",
  ]) {
    if (!existsSync(path.join(bin, tool)))
      symlinkSync(path.join(cliBin, tool), path.join(bin, tool));
  }
  const entries = [bin, ...extra];
  for (const entry of entries) expect(existsSync(path.join(entry, "node")), entry).toBe(false);
  return entries.join(path.delimiter);
}

/** The environment of a user's `pulumi` that may download plugins and has no Node.js. */
function userEnv(test: Comm100Stack, extraPath: string[] = []): Record<string, string> {
  return {
    PATH: pathWithoutNode(test.dir, extraPath),
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
  };
}

/** The plugin installed in the stack's own (fresh) `PULUMI_HOME`, or undefined. */
function installedPlugin(test: Comm100Stack): Buffer | undefined {
  const file = path.join(
    test.env.PULUMI_HOME,
    "plugins",
    `resource-comm100-v${version}`,
    "pulumi-resource-comm100",
  );
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** A deployment from a fresh PULUMI_HOME: the engine installs the plugin, then it does the work. */
async function deployInstallingThePlugin(
  test: Comm100Stack,
  env: Record<string, string>,
  targetUrl: string,
): Promise<void> {
  expect(installedPlugin(test)).toBeUndefined();
  server.requested.length = 0;
  const preview = await test.cli(["preview", "--non-interactive"], env);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  expect(preview.stdout).toMatch(/\+ {2}comm100:index:Webhook hook create/);
  expect(preview.stdout).toContain(`Installing plugin comm100-${version}: done`);
  expect(server.requested).toContain(`/${archiveName}`);
  expect(sha256(installedPlugin(test) ?? Buffer.alloc(0))).toBe(releasedExecutable);

  const deployed = await test.cli(up, env);
  expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
  const remote = test.remoteWebhooks();
  expect(remote).toMatchObject([{ event: "chatStarts", targetUrl }]);
  expect((await test.outputs()).hookId?.value).toBe(remote[0].id);
  expect((await test.cli(["preview", "--expect-no-changes", "--non-interactive"], env)).code).toBe(
    0,
  );

  const destroyed = await test.cli(["destroy", "--yes", "--non-interactive"], env);
  expect(destroyed.code, destroyed.stdout + destroyed.stderr).toBe(0);
  expect(test.remoteWebhooks()).toEqual([]);
  expect(test.callsByRoute()[route.delete]).toBe(1);
}

describe("the released plugin, installed by the engine on a machine without Node.js", () => {
  it("`pulumi plugin install … --server` fetches the archive of this platform and installs its executable", async () => {
    const test = await createComm100Stack("release-plugin-install", {
      runtime: "yaml",
      program: "resources: {}\n",
    });
    const env = userEnv(test);
    server.requested.length = 0;
    const install = await test.cli(
      ["plugin", "install", "resource", "comm100", version, "--server", server.url],
      env,
    );
    expect(install.code, install.stderr).toBe(0);
    expect(server.requested).toContain(`/${archiveName}`);
    expect(sha256(installedPlugin(test) ?? Buffer.alloc(0))).toBe(releasedExecutable);
    const listed = await test.cli(["plugin", "ls"], env);
    expect(listed.stdout).toMatch(new RegExp(`comm100\\s+resource\\s+${version}`));
  });

  it("a YAML program naming the release server as pluginDownloadURL gets it at its first preview", async () => {
    const targetUrl = "https://hooks.example.com/release-yaml";
    const test = await createComm100Stack("release-yaml", {
      runtime: "yaml",
      program: "resources: {}\n",
    });
    test.writeProgram(
      [
        "resources:",
        "  hook:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        `      targetUrl: ${targetUrl}`,
        "    options:",
        `      version: ${version}`,
        `      pluginDownloadURL: ${server.url}`,
        "outputs:",
        "  hookId: ${hook.id}",
        "",
      ].join("\n"),
    );
    await deployInstallingThePlugin(test, userEnv(test), targetUrl);
  });

  it("a Python program whose SDK is the released wheel gets it from the SDK's download URL", async () => {
    const targetUrl = "https://hooks.example.com/release-python";
    const test = await createComm100Stack("release-python", {
      runtime: "python",
      program: [
        "import pulumi",
        "import pulumi_comm100 as comm100",
        "",
        `hook = comm100.Webhook("hook", event="chatStarts", target_url="${targetUrl}")`,
        'pulumi.export("hookId", hook.id)',
        "",
      ].join("\n"),
    });
    const venv = path.join(test.dir, "venv");
    execFileSync("python3", ["-m", "venv", venv]);
    execFileSync(path.join(venv, "bin", "python"), [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "pulumi==3.272.0",
      path.join(releaseDir, `pulumi_comm100-${version}-py3-none-any.whl`),
    ]);
    // The SDK names the GitHub releases of the repository; this machine reaches no GitHub, so the
    // engine's own override sends exactly that URL (and no other) to the release server instead.
    const githubReleases = `^${pluginDownloadURL.replace(/[.]/g, "\\.")}$`;
    const env = {
      ...userEnv(test, [path.join(venv, "bin")]),
      PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `${githubReleases}=${server.url}`,
    };
    await deployInstallingThePlugin(test, env, targetUrl);
  });
});
