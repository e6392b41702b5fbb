import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { createFixtureRoot } from "../../pulumiProject/fixtureRoot";
import { repoRoot } from "../../pulumiProject/pulumiCli";

/**
 * Installs what the end-to-end tests run (the Pulumi CLI and its language hosts, the Python
 * environment: each script says what it does, and does nothing when it is there), builds the
 * package and the plugin, and lays out the folder that every end-to-end test project lives in.
 */
export default function setup(project: TestProject): () => void {
  for (const script of ["install-pulumi-cli.sh", "install-python-env.sh"]) {
    execFileSync("bash", [path.join("scripts", script)], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "build:plugin"], { cwd: repoRoot, stdio: "inherit" });
  const root = createFixtureRoot();
  project.provide("fixtureRoot", root);
  return () => rmSync(root, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    fixtureRoot: string;
  }
}
