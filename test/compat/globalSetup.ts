import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot } from "../../pulumiProject/paths";
import { createPackedProject } from "./packedProject";
import { compatCliVersion, compatNodeVersions } from "./versions";

/**
 * The `compat` project's set-up: builds the Pulumi CLI {@link compatCliVersion} beside the main
 * suite's language hosts, fetches every Node.js of {@link compatNodeVersions}, builds the plugin
 * and makes the npm project of the packed package (each step says how long it took). Provides
 * where they are; returns how to remove the npm project.
 */
export default function setup(project: TestProject): () => void {
  const cliBin = timed(`pulumi ${compatCliVersion}`, () =>
    lastLine(script("install-pulumi-cli.sh", [compatCliVersion])),
  );
  const nodeBins = Object.fromEntries(
    compatNodeVersions.map((version) => [
      version,
      timed(`node ${version}`, () =>
        path.dirname(lastLine(script("fetch-node.sh", [nodePlatform(), version]))),
      ),
    ]),
  );
  timed("the plugin", () =>
    execFileSync("npm", ["run", "--silent", "build:plugin"], { cwd: repoRoot, stdio: "inherit" }),
  );
  const fixtureRoot = timed("the npm project of the packed package", createPackedProject);
  project.provide("fixtureRoot", fixtureRoot);
  project.provide("compat", { cliRoot: path.dirname(cliBin), nodeBins });
  return () => rmSync(fixtureRoot, { recursive: true, force: true });
}

/** Runs `scripts/<name>`, its messages on stderr; returns what it printed on stdout. */
function script(name: string, args: string[]): string {
  return execFileSync("bash", [path.join("scripts", name), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function lastLine(output: string): string {
  return output.trim().split("\n").pop() ?? "";
}

/** The platform as the npm registry's `node-<platform>` packages name it, e.g. `linux-x64`. */
function nodePlatform(): string {
  return `${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;
}

/** Runs `step`, then says on stderr how long `what` took to get ready. */
function timed<T>(what: string, step: () => T): T {
  const started = Date.now();
  const result = step();
  console.error(`[compat] ${what} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The compatibility run's CLI root (holding `bin/pulumi`) and `node` folders by version. */
    compat: { cliRoot: string; nodeBins: Record<string, string> };
  }
}
