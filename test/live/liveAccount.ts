import { randomBytes } from "node:crypto";
import { Comm100Client } from "../../provider/core/api/client";
import { FileLedger } from "../../provider/core/api/callLedger";
import { comm100RateLimit } from "../../provider/core/api/rateLimiter";
import type { Connection } from "../../provider/core/settings/connection";
import type { Webhook } from "../../provider/core/webhook/webhookFields";

/** The variables that point the live suite at an account, and what each holds. */
export const liveVariables = {
  baseUrl: "COMM100_LIVE_BASE_URL",
  accessToken: "COMM100_LIVE_ACCESS_TOKEN",
  agentEmail: "COMM100_LIVE_AGENT_EMAIL",
  apiKey: "COMM100_LIVE_API_KEY",
  siteId: "COMM100_LIVE_SITE_ID",
  targetBase: "COMM100_LIVE_TARGET_BASE",
} as const;

/** Why the live suite does not run, as the report says it. */
export const howToRunLive =
  `set ${liveVariables.baseUrl} (e.g. https://api11.comm100.io/v4) and ` +
  `${liveVariables.accessToken}, or ${liveVariables.agentEmail}, ${liveVariables.apiKey} and ` +
  `${liveVariables.siteId}, to run the engine lifecycle against that account ` +
  "(`npm run test:live`)";

/** A live run: the account, and the target URL prefix no webhook outside this run has. */
export interface LiveRun {
  connection: Connection;
  /** Every webhook this run makes POSTs below it: `<target base>/<run id>/`. */
  targetPrefix: string;
  /** Where every process of the run counts its calls, to stay under Comm100's quota. */
  ledgerDir: string;
}

/**
 * The live run the environment asks for; `undefined` without a base URL, an error naming the
 * variable when one is missing or malformed.
 */
export function liveRunFromEnv(env: NodeJS.ProcessEnv, ledgerDir: string): LiveRun | undefined {
  const baseUrl = env[liveVariables.baseUrl];
  if (!baseUrl) return undefined;
  const token = env[liveVariables.accessToken];
  const apiKey = env[liveVariables.apiKey];
  let credentials: Connection["credentials"];
  if (token) credentials = { scheme: "bearer", accessToken: token };
  else if (apiKey && env[liveVariables.agentEmail] && env[liveVariables.siteId]) {
    credentials = {
      scheme: "apiKey",
      agentEmail: env[liveVariables.agentEmail]!,
      apiKey,
      siteId: env[liveVariables.siteId]!,
    };
  } else {
    throw new Error(`${liveVariables.baseUrl} is set but the credentials are not: ${howToRunLive}`);
  }
  const base = (env[liveVariables.targetBase] ?? "https://example.com/pulumi-comm100-live").replace(
    /\/+$/,
    "",
  );
  const runId = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString("hex")}`;
  return {
    connection: { baseUrl: baseUrl.replace(/\/+$/, ""), credentials },
    targetPrefix: `${base}/${runId}/`,
    ledgerDir,
  };
}

/** The account through its public API, with the provider's own client (quota shared). */
export function liveClient(run: LiveRun): Comm100Client {
  const ledger = FileLedger.forApi(run.connection.baseUrl, comm100RateLimit.max, {
    COMM100_LEDGER_DIR: run.ledgerDir,
  });
  return new Comm100Client(run.connection, { ledger });
}

/** The webhooks of the account that this run made (their target URL is below its prefix). */
export async function webhooksOfRun(run: LiveRun): Promise<Webhook[]> {
  const all = await liveClient(run).list();
  return all.filter((webhook) => webhook.targetUrl.startsWith(run.targetPrefix));
}

/**
 * Deletes every webhook this run made; returns those that could not be deleted, each with why.
 * Never touches another webhook of the account.
 */
export async function removeWebhooksOfRun(run: LiveRun): Promise<string[]> {
  const client = liveClient(run);
  const left: string[] = [];
  let mine: Webhook[];
  try {
    mine = await webhooksOfRun(run);
  } catch (error) {
    return [`(the account could not be listed: ${(error as Error).message})`];
  }
  for (const webhook of mine) {
    try {
      await client.delete(webhook.id);
    } catch (error) {
      left.push(`${webhook.id} (${webhook.event}): ${(error as Error).message}`);
    }
  }
  return left;
}
