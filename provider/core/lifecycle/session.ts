import { createHash } from "node:crypto";
import { Comm100Client } from "../api/client";
import { WebhookDirectory } from "../api/webhookDirectory";
import {
  connectionFromConfig,
  connectionFromEnv,
  type Connection,
  type ConnectionArgs,
  type ConnectionSources,
} from "../settings/connection";
import { defaultTuning, tuningFrom, type ConfigReader, type Tuning } from "../settings/settings";
import { RunOwnership } from "./runOwnership";
import { WriteLocks } from "./writeLocks";

/** One Comm100 account as this process reaches it, and what it knows of its webhooks. */
export interface Comm100Account {
  /** The settings that reach the account. */
  connection: Connection;
  client: Comm100Client;
  directory: WebhookDirectory;
}

/**
 * What one provider process keeps between calls: its settings, one client (rate limiter, read
 * batcher) per account it reached, and which webhooks the resources of this run hold.
 */
export class Session {
  /** How the provider behaves (`settings`' tuning rows). */
  tuning: Tuning = defaultTuning;
  /** Which webhooks the resources of this run hold. */
  readonly ownership = new RunOwnership();
  /** Serializes writes that could make the same webhook. */
  readonly locks = new WriteLocks();
  /** The connection settings of the stack config. */
  private config: ConnectionArgs = {};
  /** Keyed by a hash of the connection: credentials are never a key in memory dumps. */
  private readonly accounts = new Map<string, Comm100Account>();

  /** `env`: where `COMM100_*` variables are read, at each call. */
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Takes the `comm100:*` stack config; the tuning falls back to the environment. */
  configure(getConfig: ConfigReader): void {
    this.config = connectionFromConfig(getConfig);
    this.tuning = tuningFrom(getConfig, this.env);
  }

  /** The connection settings of each source, `argument` being a resource's own. */
  sourcesOf(argument: ConnectionArgs | undefined): ConnectionSources {
    return { connection: argument, config: this.config, env: connectionFromEnv(this.env) };
  }

  /** The account `connection` reaches, made on first use. */
  accountFor(connection: Connection): Comm100Account {
    const key = createHash("sha256").update(JSON.stringify(connection)).digest("hex");
    let account = this.accounts.get(key);
    if (!account) {
      const client = new Comm100Client(connection, this.tuning);
      account = { connection, client, directory: new WebhookDirectory(client) };
      this.accounts.set(key, account);
    }
    return account;
  }
}
