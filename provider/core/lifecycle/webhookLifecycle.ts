import { Comm100ApiError } from "../api/errors";
import {
  accountLabel,
  recordOf,
  sameConnection,
  surelySameAccount,
} from "../settings/accountIdentity";
import {
  requireConnection,
  resolveConnection,
  type Connection,
  type ConnectionArgs,
} from "../settings/connection";
import type { ConfigReader } from "../settings/settings";
import { isUnknown, webhookIdProblem } from "../webhook/validation";
import {
  fieldProblems,
  fieldsOf,
  sameFields,
  sameId,
  sameTargetUrl,
  webhookFieldNames,
  type Webhook,
  type WebhookFields,
} from "../webhook/webhookFields";
import { createWithoutDuplicates, type CreateOptions } from "./safeCreate";
import { updateWithoutDuplicates } from "./safeUpdate";
import type { Comm100Account, Session } from "./session";

/** The inputs of a webhook resource, as the engine hands them to the provider. */
export interface WebhookInputs extends WebhookFields {
  connection?: ConnectionArgs;
  adoptId?: string;
}

/** The state of a webhook resource (its outputs). */
export interface WebhookOutputs extends Omit<WebhookInputs, "event"> {
  /** As Comm100 reports it (changed outside Pulumi, it may be an event newer than this package). */
  event: Webhook["event"];
  /**
   * The connection the webhook was made or last confirmed with, whatever its source (argument,
   * stack config, environment): the account it lives in. A secret output.
   */
  account?: ConnectionArgs;
}

/** An argument `check` refuses, and why. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What `diff` found: whether anything changes, and whether that replaces the webhook. */
export interface DiffResult {
  changes: boolean;
  /** The properties whose change replaces the webhook (`["connection"]`: another account). */
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** The arguments `check` accepts (an array: the SDK's closure serializer cannot capture a Set). */
const argumentNames: readonly string[] = [...webhookFieldNames, "connection", "adoptId"];

/**
 * The lifecycle of a webhook resource, over the Comm100 API: check, diff, create, read, update,
 * delete. It knows nothing of how Pulumi calls it; each door (the dynamic provider, the provider
 * plugin) holds one per process.
 */
export class WebhookLifecycle {
  constructor(private readonly session: Session) {}

  /** Takes the `comm100:*` stack config for the rest of the process. */
  configure(getConfig: ConfigReader): void {
    this.session.configure(getConfig);
  }

  /**
   * Validates the arguments and the connection settings before any API call. Values not known
   * yet (preview) pass, and are checked again once known.
   */
  check(news: Record<string, unknown>): { inputs: WebhookInputs; failures: CheckFailure[] } {
    const failures: CheckFailure[] = [];
    const fail = (property: string, problem: string | undefined) => {
      if (problem) failures.push({ property, reason: `${property} ${problem}` });
    };
    for (const name of Object.keys(news)) {
      if (!argumentNames.includes(name)) {
        fail(name, `is not an argument of Comm100Webhook: use ${argumentNames.join(", ")}`);
      }
    }
    for (const { field, problem } of fieldProblems(news)) fail(field, problem);
    if (news.adoptId !== undefined && !isUnknown(news.adoptId)) {
      fail("adoptId", webhookIdProblem(news.adoptId));
    }
    const connection = resolveConnection(
      this.session.sourcesOf(news.connection as ConnectionArgs | undefined),
    );
    if (connection.kind === "invalid") {
      failures.push({ property: "connection", reason: connection.message });
    }
    return { inputs: news as unknown as WebhookInputs, failures };
  }

  /**
   * Compares the recorded state with the program. A different event or target URL is an
   * in-place update, as is a different `connection` that reaches the same account (rotated
   * credentials). Settings that name another account replace the webhook: it is made in the new
   * account and deleted from the old one. When the settings alone cannot tell (a new access
   * token, another scheme, agent or base URL), the new account is asked whether it has it.
   */
  async diff(id: string, olds: WebhookOutputs, news: WebhookInputs): Promise<DiffResult> {
    const update = (changes: boolean) => ({ changes, replaces: [], deleteBeforeReplace: false });
    if (isUnknown(news.event) || isUnknown(news.targetUrl) || isUnknown(news.connection)) {
      return update(true);
    }
    const fieldsChanged =
      !sameFields(olds, news) ||
      JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
    const resolution = resolveConnection(this.session.sourcesOf(news.connection));
    if (resolution.kind !== "resolved") return update(true);
    const current = resolution.connection;
    const recorded = recordedConnection(olds);
    const { ownership } = this.session;
    if (!recorded || sameConnection(recorded, current)) {
      ownership.hold(id);
      return update(fieldsChanged);
    }
    if (
      surelySameAccount(recorded, current) ||
      (await this.session.accountFor(current).directory.find(id))
    ) {
      ownership.hold(id);
      return update(true);
    }
    ownership.markReplaced(id);
    return { changes: true, replaces: ["connection"], deleteBeforeReplace: false };
  }

  /** Creates the webhook, or adopts the existing one named by `adoptId`. */
  async create(inputs: WebhookInputs): Promise<{ id: string; outs: WebhookOutputs }> {
    const account = this.session.accountFor(this.currentConnection(inputs.connection));
    const fields = fieldsOf(inputs);
    // A replacement (`--replace`, a move to another account) creates anew: its adoptId was used.
    const adoptId =
      inputs.adoptId && !this.session.ownership.wasReplaced(inputs.adoptId)
        ? inputs.adoptId
        : undefined;
    const webhook = adoptId
      ? await this.adopt(account, adoptId, fields)
      : await createWithoutDuplicates(account, this.session, fields, this.createOptions());
    return { id: webhook.id, outs: outputsOf(inputs, webhook, account.connection) };
  }

  /**
   * Reads the webhook in the account it lives in; reports it gone (`{}`) when that account no
   * longer has it, so refresh drops it. A read without recorded state (a lookup by id) of an id
   * the account does not have fails.
   */
  async read(
    id: string,
    props: Partial<WebhookOutputs> = {},
  ): Promise<{ id?: string; props?: WebhookOutputs; inputs?: WebhookOutputs }> {
    const idProblem = webhookIdProblem(id);
    if (idProblem) throw new Error(`Comm100Webhook id ${idProblem}`);
    const found = await this.findWhereItLives(id, props);
    if (!found) {
      if (props.event === undefined) {
        throw new Error(
          `Comm100Webhook.get: ${accountLabel(this.homeOf(props))} has no webhook with id ${id}. ` +
            "Check the id (getWebhooks() lists them) and give the connection of the account it is in.",
        );
      }
      return {};
    }
    const state = outputsOf(props, found.webhook, found.account.connection);
    const inputs: WebhookOutputs = { ...state };
    delete inputs.account;
    return { id: sameId(id, found.webhook.id) ? id : found.webhook.id, props: state, inputs };
  }

  /**
   * Sends the new event and target URL to the account the settings name (`diff` made sure it
   * holds the webhook); new credentials alone need no API call.
   */
  async update(
    id: string,
    olds: WebhookOutputs,
    news: WebhookInputs,
  ): Promise<{ outs: WebhookOutputs }> {
    const connection = this.currentConnection(news.connection);
    if (sameFields(olds, news)) {
      return {
        outs: outputsOf(news, { id, ...fieldsOf(olds) }, connection),
      };
    }
    const account = this.session.accountFor(connection);
    const webhook = await updateWithoutDuplicates(account, this.session, id, fieldsOf(news));
    if (!webhook) {
      throw new Error(
        `Webhook ${id} no longer exists in ${accountLabel(connection)} (deleted outside Pulumi, or ` +
          "made with settings that name another account?): run `pulumi refresh` to see where it " +
          "is, then `pulumi up`.",
      );
    }
    return { outs: outputsOf(news, webhook, connection) };
  }

  /**
   * Deletes the webhook from the account it lives in; one that is already gone counts as
   * deleted, and one that another resource of this run adopted or kept is left alone.
   */
  async delete(id: string, props: WebhookOutputs): Promise<void> {
    const { ownership } = this.session;
    if (ownership.holds(id)) return;
    const home = this.session.accountFor(this.homeOf(props));
    try {
      await home.client.delete(id);
      home.directory.forget(id);
    } catch (error) {
      const elsewhere = await this.reachWithCurrentSettings(id, props, error);
      await elsewhere.client.delete(id);
      elsewhere.directory.forget(id);
    }
    ownership.markReplaced(id);
  }

  /** How creates behave: the client's backoff between looks for an unconfirmed create, 6 tries. */
  private createOptions(): CreateOptions {
    const { tuning } = this.session;
    return {
      attempts: 6,
      delayMs: (attempt) => Math.min(tuning.retryBaseDelayMs * 2 ** attempt, 15_000),
      settleMs: tuning.createSettleMs,
      adoptExisting: tuning.adoptExisting,
    };
  }

  private async adopt(
    account: Comm100Account,
    id: string,
    fields: WebhookFields,
  ): Promise<Webhook> {
    const { ownership } = this.session;
    const existing = await account.directory.find(id);
    if (!existing) {
      throw new Error(
        `adoptId ${id}: ${accountLabel(account.connection)} has no webhook with this id. Check the ` +
          "id (getWebhooks() lists them) and that the connection names the account it is in, or " +
          "remove adoptId to create a new webhook.",
      );
    }
    if (ownership.holds(existing.id)) {
      throw new Error(
        `adoptId ${id}: another resource of this stack manages this webhook; a webhook belongs to ` +
          "one resource. Remove adoptId here, or remove the other resource. Nothing was changed.",
      );
    }
    ownership.hold(existing.id);
    if (sameFields(existing, fields)) return existing;
    const updated = await updateWithoutDuplicates(account, this.session, existing.id, fields);
    if (!updated) throw new Error(`adoptId ${id}: the webhook was deleted while being adopted.`);
    return updated;
  }

  /** The webhook and the account it is in: the recorded one, or the current settings' one. */
  private async findWhereItLives(
    id: string,
    props: Partial<WebhookOutputs>,
  ): Promise<{ webhook: Webhook; account: Comm100Account } | undefined> {
    const home = this.session.accountFor(this.homeOf(props));
    try {
      const webhook = await home.directory.find(id);
      return webhook && { webhook, account: home };
    } catch (error) {
      const elsewhere = await this.reachWithCurrentSettings(id, props, error);
      const webhook = await elsewhere.directory.find(id);
      return webhook && { webhook, account: elsewhere };
    }
  }

  /**
   * After the recorded account rejected its recorded credentials (`failure`), the current
   * settings' account, when they differ and it holds the webhook (the credentials were rotated);
   * else `failure` again, or an error that says what to do.
   */
  private async reachWithCurrentSettings(
    id: string,
    props: Partial<WebhookOutputs>,
    failure: unknown,
  ): Promise<Comm100Account> {
    const recorded = recordedConnection(props);
    const resolution = resolveConnection(this.session.sourcesOf(props.connection));
    if (
      !recorded ||
      resolution.kind !== "resolved" ||
      sameConnection(recorded, resolution.connection) ||
      !isRejectedCredentials(failure)
    ) {
      throw failure;
    }
    const current = this.session.accountFor(resolution.connection);
    if (await current.directory.find(id)) return current;
    throw new Error(
      `Webhook ${id} lives in ${accountLabel(recorded)}, which rejected the credentials it was made ` +
        `with (${(failure as Error).message}), and ${accountLabel(resolution.connection)} does not ` +
        "have it. If it still exists there, give that account's current credentials and run " +
        "again; if it is gone, `pulumi state delete <urn>` forgets it.",
    );
  }

  private currentConnection(argument: ConnectionArgs | undefined): Connection {
    return requireConnection(this.session.sourcesOf(argument));
  }

  /** Where the webhook lives: the recorded account, else (older state) the current settings. */
  private homeOf(props: Partial<WebhookOutputs>): Connection {
    return recordedConnection(props) ?? this.currentConnection(props.connection);
  }
}

function isRejectedCredentials(error: unknown): boolean {
  return error instanceof Comm100ApiError && (error.status === 401 || error.status === 403);
}

/** The connection recorded in a webhook's state, if it has one. */
function recordedConnection(props: Partial<WebhookOutputs>): Connection | undefined {
  const resolution = resolveConnection({ connection: props.account, config: {}, env: {} });
  return resolution.kind === "resolved" ? resolution.connection : undefined;
}

/**
 * The state to record: Comm100's values, except that a target URL Comm100 spells differently
 * but means the same keeps the program's spelling (so a refresh shows no false diff), and the
 * connection that reached the webhook.
 */
function outputsOf(
  inputs: Partial<Omit<WebhookInputs, "event">>,
  webhook: Webhook,
  connection: Connection,
): WebhookOutputs {
  const targetUrl =
    inputs.targetUrl && sameTargetUrl(inputs.targetUrl, webhook.targetUrl)
      ? inputs.targetUrl
      : webhook.targetUrl;
  return {
    ...fieldsOf(webhook),
    targetUrl,
    ...(inputs.connection ? { connection: inputs.connection } : {}),
    ...(inputs.adoptId ? { adoptId: inputs.adoptId } : {}),
    account: recordOf(connection),
  };
}
