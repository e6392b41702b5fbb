/**
 * Makes the Comm100-compatible server (emulator/) POST sample webhook bodies to the
 * webhooks subscribed to an event, and prints what each target answered:
 *   npm run trigger -- <event> [--count <n>] [--server <url>] [--site <siteId>] [--target-prefix <url>]
 */
import axios, { type AxiosError } from "axios";
import { parseArgs } from "node:util";
import { undocumentedPayloadEvents } from "../provider/payloads";
import {
  chatScenario,
  defaultAccount,
  type DeliveryLogEntry,
  formatDeliveryTable,
  maxTriggerCount,
  triggerNames,
} from "../emulator";

const defaultServer = "http://127.0.0.1:8100";

const usage = `Usage: npm run trigger -- <event> [options]
  <event>          one of ${triggerNames.join(", ")}
                   (chat: a whole conversation, ${chatScenario.join(" → ")})
  --count <n>      how many times, each with a new chat and visitor (default 1, at most ${maxTriggerCount})
  --server <url>   the Comm100-compatible server (default ${defaultServer})
  --site <id>      the account whose webhooks get the bodies (default ${defaultAccount.siteId})
  --target-prefix <url>
                   only webhooks whose targetUrl starts with this (default: all of them)
  --help           show this help
The server POSTs to every webhook of the site subscribed to the event, wherever its targetUrl
points (unless --target-prefix). Exits with 1 when a target did not answer 2xx.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: "string", default: "1" },
      server: { type: "string", default: defaultServer },
      site: { type: "string", default: defaultAccount.siteId },
      "target-prefix": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const [event] = positionals;
  const server = values.server.replace(/\/+$/, "").replace(/\/(v4|__control)$/i, "");
  const url = `${server}/__control/accounts/${encodeURIComponent(values.site)}/trigger`;
  const response = await axios
    .post(
      url,
      { event, count: Number(values.count), targetUrlPrefix: values["target-prefix"] },
      { validateStatus: () => true },
    )
    .catch((error: AxiosError) => {
      throw new Error(
        `cannot reach the Comm100-compatible server at ${server} (${error.code ?? error.message}). ` +
          "Start it with `npm run emulator`, or pass --server <url>.",
      );
    });
  if (response.status !== 200) {
    throw new Error(`the server answered ${response.status}: ${response.data?.message ?? ""}`);
  }
  const deliveries = response.data.deliveries as DeliveryLogEntry[];
  if (deliveries.length === 0) {
    const matching = values["target-prefix"]
      ? ` with a targetUrl under ${values["target-prefix"]}`
      : "";
    console.log(
      `No webhook of site ${values.site}${matching} is subscribed to ${event}: nothing was sent.`,
    );
    return;
  }
  report(deliveries);
}

function report(deliveries: DeliveryLogEntry[]): void {
  const failed = deliveries.filter((delivery) => !delivery.ok).length;
  console.log(formatDeliveryTable(deliveries));
  console.log(
    `${deliveries.length} ${deliveries.length === 1 ? "delivery" : "deliveries"}, ` +
      `${failed === 0 ? "all answered 2xx" : `${failed} failed`}.`,
  );
  const assumed = undocumentedPayloadEvents.filter((undocumented) =>
    deliveries.some((delivery) => delivery.event === undocumented),
  );
  if (assumed.length > 0) {
    console.log(
      `Note: Comm100 does not publish the body of ${assumed.join(" or ")}; ` +
        "the server sends an assumed shape.",
    );
  }
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`trigger failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
