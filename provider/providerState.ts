import { createHash } from "node:crypto";
import { Comm100Client, type ClientOptions } from "./client";
import type { Connection, ConnectionArgs } from "./connection";
import type { CreateContext } from "./safeCreate";
import { WebhookDirectory } from "./webhookDirectory";

/** One account's client and what this process knows of its webhooks. */
export type Account = CreateContext;

/** What the provider process keeps between calls. */
interface ProviderState {
  /** The `comm100:*` settings of the stack config, from `configure`. */
  config: ConnectionArgs;
  /** Client tuning from stack config or environment. */
  clientOptions: ClientOptions;
  /** Whether creates adopt an identical existing webhook (see `adoptExistingSetting`). */
  adoptExisting: boolean;
  accounts: Map<string, Account>;
}

/** A plain string key: the SDK's closure serializer cannot capture a Symbol. */
const stateKey = "__pulumiComm100ProviderState";

/**
 * The provider's process-wide state. It lives on `globalThis` so that every copy of the
 * serialized provider in the process (one per distinct `__provider` text) shares one client,
 * one rate limiter and one read batcher per account.
 */
export function providerState(): ProviderState {
  const holder = globalThis as { [stateKey]?: ProviderState };
  holder[stateKey] ??= {
    config: {},
    clientOptions: {},
    adoptExisting: false,
    accounts: new Map(),
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
    account = {
      client,
      directory: new WebhookDirectory(client),
      claimed: new Set(),
      creating: new Set(),
    };
    state.accounts.set(key, account);
  }
  return account;
}
