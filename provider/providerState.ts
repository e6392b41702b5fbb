import { createHash } from "node:crypto";
import { Comm100Client, type ClientOptions } from "./client";
import { defaultCreateSettleMs } from "./clientTuning";
import type { Connection, ConnectionArgs } from "./connection";
import { RunOwnership } from "./runOwnership";
import { WebhookDirectory } from "./webhookDirectory";
import { WriteLocks } from "./writeLocks";

/** One account's client and what this process knows of its webhooks. */
export interface Account {
  /** The settings that reach the account. */
  connection: Connection;
  client: Comm100Client;
  directory: WebhookDirectory;
}

/** What the provider process keeps between calls. */
interface ProviderState {
  /** The `comm100:*` settings of the stack config, from `configure`. */
  config: ConnectionArgs;
  /** Client tuning from stack config or environment. */
  clientOptions: ClientOptions;
  /** Whether creates adopt an identical existing webhook (see `adoptExistingSetting`). */
  adoptExisting: boolean;
  /** How long an unconfirmed create is looked for before it is sent again (`createSettleSetting`). */
  createSettleMs: number;
  accounts: Map<string, Account>;
  /** Which webhooks the resources of this run hold. */
  ownership: RunOwnership;
  /** Serializes writes that could make the same webhook. */
  locks: WriteLocks;
}

/** A plain string key: the SDK's closure serializer cannot capture a Symbol. */
const stateKey = "__pulumiComm100ProviderState";

/**
 * The provider's process-wide state. It lives on `globalThis` so that every copy of the
 * serialized provider in the process (one per distinct `__provider` text) shares one client,
 * one rate limiter, one read batcher per account and one record of ownership for the run.
 */
export function providerState(): ProviderState {
  const holder = globalThis as { [stateKey]?: ProviderState };
  holder[stateKey] ??= {
    config: {},
    clientOptions: {},
    adoptExisting: false,
    createSettleMs: defaultCreateSettleMs,
    accounts: new Map(),
    ownership: new RunOwnership(),
    locks: new WriteLocks(),
  };
  return holder[stateKey];
}

/** The account for `connection`, made on first use; credentials are keyed by hash only. */
export function accountFor(connection: Connection): Account {
  const state = providerState();
  const key = createHash("sha256").update(JSON.stringify(connection)).digest("hex");
  let account = state.accounts.get(key);
  if (!account) {
    const client = new Comm100Client(connection, state.clientOptions);
    account = { connection, client, directory: new WebhookDirectory(client) };
    state.accounts.set(key, account);
  }
  return account;
}
