import { createHash } from "node:crypto";
import { Comm100Client } from "../api/client";
import { WebhookDirectory } from "../api/webhookDirectory";
import {
  connectionFromConfig,
  connectionFromEnv,
  requireConnection,
  resolveConnection,
  type Connection,
  type ConnectionArgs,
  type ConnectionResolution,
  type ConnectionSources,
} from "../settings/connection";
import { argumentConfigEnvTerms, type ConnectionTerms } from "../settings/connectionTerms";
import { defaultTuning, tuningFrom, type ConfigReader, type Tuning } from "../settings/settings";
import type { Webhook } from "../webhook/webhookFields";
import type { ResourceName } from "./resourceName";
import { LocalRunMemory, type RunMemory } from "./runMemory";
import { RunOwnership } from "./runOwnership";
import { WriteLocks } from "./writeLocks";

/** One Comm100 account as this process reaches it, and what it knows of its webhooks. */
export interface Comm100Account {
  /** The settings that reach the account. */
  connection: Connection;
  /** Names this process's writes through these settings (a hash: no credential in it). */
  writer: string;
  client: Comm100Client;
  directory: WebhookDirectory;
}

/**
 * One resource's part in the run: the run's record of who holds which webhook, the write locks
 * every write takes, and the resource the writes are for.
 */
export class ResourceRun {
  constructor(
    readonly resource: ResourceName,
    readonly ownership: RunOwnership,
    readonly locks: WriteLocks,
  ) {}

  /** Records that this resource holds `webhook`, and that `account` now has it. */
  keep(account: Comm100Account, webhook: Webhook): Webhook {
    this.ownership.hold(webhook.id, this.resource);
    account.directory.remember(webhook);
    return webhook;
  }
}

/** Where a session reads its environment, and what it shares with the rest of the run. */
export interface SessionOptions {
  /** Where `COMM100_*` variables are read, at each call. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * What the provider processes of this run remember together (`SharedRunMemory.forEngine`
   * when the engine started this process). Default: this process alone.
   */
  run?: RunMemory;
  /** How the door's users give connection settings. Default: the dynamic provider's three ways. */
  connectionTerms?: ConnectionTerms;
}

/**
 * What one provider process keeps between calls: its settings, one client (rate limiter, read
 * batcher) per account it reached, and, with the run's other processes, which webhooks the
 * resources of this run hold.
 */
export class Session {
  /** How the provider behaves (`settings`' tuning rows). */
  tuning: Tuning = defaultTuning;
  /** Which webhooks the resources of this run hold. */
  readonly ownership: RunOwnership;
  /** Serializes writes that could make the same webhook. */
  readonly locks: WriteLocks;
  /** The connection settings of the stack config. */
  private config: ConnectionArgs = {};
  /** Keyed by a hash of the connection: credentials are never a key in memory dumps. */
  private readonly accounts = new Map<string, Comm100Account>();
  private readonly env: NodeJS.ProcessEnv;
  private connectionTerms: ConnectionTerms;

  constructor({
    env = process.env,
    run = new LocalRunMemory(),
    connectionTerms = argumentConfigEnvTerms,
  }: SessionOptions = {}) {
    this.env = env;
    this.connectionTerms = connectionTerms;
    this.ownership = new RunOwnership(run);
    this.locks = new WriteLocks(run);
  }

  /**
   * Takes the `comm100:*` settings (stack config, or an explicit provider's properties, which
   * `connectionTerms` then names); the tuning falls back to the environment.
   */
  configure(getConfig: ConfigReader, connectionTerms?: ConnectionTerms): void {
    this.config = connectionFromConfig(getConfig);
    this.tuning = tuningFrom(getConfig, this.env);
    if (connectionTerms) this.connectionTerms = connectionTerms;
  }

  /** The connection the settings give, `argument` being a resource's own (see `resolveConnection`). */
  resolveConnection(argument: ConnectionArgs | undefined): ConnectionResolution {
    return resolveConnection(this.sourcesOf(argument), this.connectionTerms);
  }

  /** The connection the settings give; throws, naming what to set, when they give none. */
  requireConnection(argument: ConnectionArgs | undefined): Connection {
    return requireConnection(this.sourcesOf(argument), this.connectionTerms);
  }

  /** What the writes of `resource` share with the rest of the run. */
  runFor(resource: ResourceName): ResourceRun {
    return new ResourceRun(resource, this.ownership, this.locks);
  }

  /** The account `connection` reaches, made on first use. */
  accountFor(connection: Connection): Comm100Account {
    const key = createHash("sha256").update(JSON.stringify(connection)).digest("hex");
    let account = this.accounts.get(key);
    if (!account) {
      const client = new Comm100Client(connection, this.tuning);
      const writer = `${process.pid}:${key.slice(0, 16)}`;
      account = { connection, writer, client, directory: new WebhookDirectory(client) };
      this.accounts.set(key, account);
    }
    return account;
  }

  /** The connection settings of each source, `argument` being a resource's own. */
  private sourcesOf(argument: ConnectionArgs | undefined): ConnectionSources {
    return { connection: argument, config: this.config, env: connectionFromEnv(this.env) };
  }
}
