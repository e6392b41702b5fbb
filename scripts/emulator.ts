/**
 * Runs the Comm100-compatible emulator from the command line:
 *   npx tsx scripts/emulator.ts --port 8100 --token <token> [--data <file>] [--config <accounts.json>] [--latency <ms>]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  cliAccount,
  defaultAccount,
  defaultAdmin,
  defaultToken,
  mergeAccounts,
  parseAccountsFile,
  type RequestLogEntry,
  startEmulator,
} from "../emulator";

const usage = `Usage: npx tsx scripts/emulator.ts [options]
  --port <p>        port on 127.0.0.1 (default 8100; 0 picks a free one)
  --token <t>       Bearer token of site ${defaultAccount.siteId} (default ${defaultToken})
  --data <file>     keep webhooks in this JSON file across restarts (default: in memory)
  --config <file>   more accounts: {"accounts":[{"siteId","bearerTokens","agents"}]}
  --latency <ms>    delay added to every API response (default 0)
  --help            show this help`;

function integerOption(name: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) {
    throw new Error(`--${name} must be an integer from 0 to ${max}, got '${value}'.`);
  }
  return number;
}

function describe(entry: RequestLogEntry): string {
  return [
    `[emulator] ${entry.method} ${entry.url} -> ${entry.status ?? "no response"}`,
    entry.siteId && `site=${entry.siteId}`,
    entry.fault && `fault=${entry.fault}`,
    entry.rateLimited && "rate-limited",
  ]
    .filter(Boolean)
    .join(" ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8100" },
      token: { type: "string" },
      data: { type: "string" },
      config: { type: "string" },
      latency: { type: "string", default: "0" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const token = values.token ?? defaultToken;
  const configured = values.config
    ? parseAccountsFile(JSON.parse(readFileSync(values.config, "utf8")))
    : [];
  const emulator = await startEmulator({
    port: integerOption("port", values.port, 65535),
    latencyMs: integerOption("latency", values.latency, 600_000),
    dataFile: values.data,
    accounts: mergeAccounts([cliAccount(token)], configured),
    onRequestLogged: (entry) => console.log(describe(entry)),
  });

  const shownToken = values.token === undefined ? token : "<the token passed with --token>";
  console.log(`Comm100 emulator (a local fake of the Comm100 Live Chat API v4 webhooks)
  API base URL:  ${emulator.baseUrl}
  Control URL:   ${emulator.controlUrl}
  Authenticate:  Authorization: Bearer ${shownToken}   (site ${defaultAccount.siteId})
                 or HTTP Basic ${defaultAdmin.email}:${defaultAdmin.apiKey} with ?siteId=${defaultAccount.siteId}
  Note: these are local test credentials of this emulator, not real Comm100 secrets.
  Webhooks are kept ${values.data ? `in ${values.data}` : "in memory (lost on exit)"}.
Press Ctrl+C to stop.`);

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    console.log(`Received ${signal}; stopping the Comm100 emulator.`);
    await emulator.close();
    console.log("Comm100 emulator stopped.");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(
    `Comm100 emulator failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
});
