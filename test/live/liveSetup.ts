import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot } from "../../pulumiProject/paths";
import { prepareEngineTests } from "../support/engineTestSetup";
import { howToRunLive, liveRunFromEnv, removeWebhooksOfRun, type LiveRun } from "./liveAccount";

/**
 * The `live` project's set-up: reads the account from `COMM100_LIVE_*` (before the test files'
 * set-up clears every `COMM100_*` variable), prepares the engine tests, and afterwards deletes
 * whatever webhook of this run is left (after a failure, or at once on Ctrl+C), printing what it
 * could not delete. Without the variables nothing is prepared and the suite is skipped, saying so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ledgerDir = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-live-"));
  const run = liveRunFromEnv(process.env, ledgerDir);
  project.provide("liveRun", run ?? null);
  if (!run) {
    console.log(`[live] skipped: ${howToRunLive}`);
    return async () => rmSync(ledgerDir, { recursive: true, force: true });
  }
  console.log(`[live] against ${run.connection.baseUrl}; this run's webhooks: ${run.targetPrefix}`);
  const { fixtureRoot, remove } = prepareEngineTests();
  project.provide("fixtureRoot", fixtureRoot);
  process.once("SIGINT", () => removeOnInterrupt(run));
  process.once("SIGTERM", () => removeOnInterrupt(run));
  return async () => {
    const left = await removeWebhooksOfRun(run);
    if (left.length > 0) {
      console.error(
        `[live] could not delete ${left.length} webhook(s) of this run; delete them in Comm100:\n` +
          left.map((line) => `  ${line}`).join("\n"),
      );
      process.exitCode = 1;
    }
    remove();
    rmSync(ledgerDir, { recursive: true, force: true });
  };
}

/**
 * Ctrl+C: the runner exits a moment after the signal, skipping this set-up's teardown, so the
 * webhooks of the run are deleted here, synchronously (the runner cannot exit meanwhile), by a
 * process of its own.
 */
function removeOnInterrupt(run: LiveRun): void {
  console.error("[live] interrupted: deleting this run's webhooks");
  try {
    execFileSync(
      path.join(repoRoot, "node_modules", ".bin", "tsx"),
      [path.join(__dirname, "removeRunWebhooks.ts")],
      { stdio: "inherit", env: { ...process.env, PULUMI_COMM100_LIVE_RUN: JSON.stringify(run) } },
    );
  } catch {
    process.exitCode = 1; // it said what it left
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    liveRun: LiveRun | null;
  }
}
