import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { createFixtureRoot } from "../../pulumiProject/fixtureRoot";
import { pluginUnderTest, repoRoot } from "../../pulumiProject/paths";

/**
 * Installs what tests on the real engine run (the Pulumi CLI and its language hosts, the Python
 * environment: each script says what it does, and does nothing when it is there), builds the
 * package and the plugin (and the plugin's executable when that is under test), and lays out the
 * folder every test project lives in. Returns that folder and how to remove it. Done once per
 * process, however many projects ask.
 */
export function prepareEngineTests(): { fixtureRoot: string; remove: () => void } {
  prepared ??= prepare();
  return prepared;
}

let prepared: { fixtureRoot: string; remove: () => void } | undefined;

function prepare(): { fixtureRoot: string; remove: () => void } {
  for (const script of ["install-pulumi-cli.sh", "install-python-env.sh"]) {
    execFileSync("bash", [path.join("scripts", script)], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "build:plugin"], { cwd: repoRoot, stdio: "inherit" });
  if (pluginUnderTest === "executable") {
    execFileSync("bash", ["scripts/build-plugin-executable.sh", "linux-amd64"], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const fixtureRoot = createFixtureRoot();
  return { fixtureRoot, remove: () => rmSync(fixtureRoot, { recursive: true, force: true }) };
}
