/**
 * Runs the example receiver and prints one line per Comm100 webhook body:
 *   npx tsx examples/receiver/main.ts [--port 8200] [--host 127.0.0.1]
 */
import { parseArgs } from "node:util";
import { describePayload } from "./describe";
import { startReceiver } from "./receiver";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8200" },
      host: { type: "string", default: "127.0.0.1" },
    },
  });
  const receiver = await startReceiver({
    port: Number(values.port),
    host: values.host,
    onPayload: (payload) => console.log(`[receiver] ${describePayload(payload)}`),
    onRejected: (error) => console.log(`[receiver] rejected (400): ${error.message}`),
  });
  console.log(`Receiving Comm100 webhooks at ${receiver.url} (Ctrl+C to stop).`);
  const stop = async (): Promise<void> => {
    await receiver.close();
    console.log("Receiver stopped.");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`receiver failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
