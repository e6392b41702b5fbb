import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { createFixtureRoot } from "../../pulumiProject/fixtureRoot";
import { repoRoot } from "../../pulumiProject/pulumiCli";

/**
 * Builds the package and the plugin, and lays out the folder that every end-to-end test project
 * lives in.
 */
export default function setup(project: TestProject): () => void {
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
