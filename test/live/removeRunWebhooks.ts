/**
 * Deletes the webhooks of an interrupted live run, in a process of its own: `liveSetup` runs it
 * synchronously on Ctrl+C, when the test runner is about to exit. It first waits for the run's
 * `pulumi` commands (interrupted too) to finish what they had sent, then deletes twice, and
 * prints by id whatever it could not delete. The run comes in `PULUMI_COMM100_LIVE_RUN` (JSON).
 */
import { removeWebhooksOfRun, type LiveRun } from "./liveAccount";

const settleMs = 3000;

async function main(): Promise<number> {
  const run = JSON.parse(process.env.PULUMI_COMM100_LIVE_RUN ?? "null") as LiveRun | null;
  if (!run) throw new Error("PULUMI_COMM100_LIVE_RUN is not set");
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  await removeWebhooksOfRun(run);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const left = await removeWebhooksOfRun(run);
  if (left.length === 0) {
    console.error("[live] the interrupted run's webhooks are deleted");
    return 0;
  }
  console.error(
    `[live] could not delete ${left.length} webhook(s) of the interrupted run; delete them in ` +
      `Comm100:\n${left.map((line) => `  ${line}`).join("\n")}`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[live] cleanup failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
