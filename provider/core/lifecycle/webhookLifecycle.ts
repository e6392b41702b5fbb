import { Comm100ApiError } from "../api/comm100ApiError";
import {
  accountLabel,
  connectionOfRecord,
  recordOf,
  sameConnection,
  surelySameAccount,
} from "../settings/accountIdentity";
import type { Connection, ConnectionArgs } from "../settings/connection";
import type { ConfigReader } from "../settings/settings";
import type { ConnectionTerms } from "../settings/connectionTerms";
import { isUnknown } from "../engine/unknownValue";
import { webhookIdProblem } from "../webhook/validation";
import {
  fieldProblems,
  fieldsOf,
  sameFields,
  sameId,
  sameTargetUrl,
  type Webhook,
  type WebhookFields,
} from "../webhook/webhookFields";
import { maskedUrl } from "../url/maskedUrl";
import type { Door } from "./door";
import { describeResource, type ResourceName } from "./resourceName";
import { createWithoutDuplicates, type CreateOptions, type CreateRefusals } from "./safeCreate";
import * as messages from "./webhookMessages";
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

/**
 * An argument `check` refuses, and why. `property` is always empty, and `reason` names the
 * property itself: for a named property the engine prints the whole input value beside the
 * reason, secret or not (and a target URL's path is the receiver's secret).
 */
export interface CheckFailure {
  property: "";
  reason: string;
}

/** What `diff` found: whether anything changes, and whether that replaces the webhook. */
export interface DiffResult {
  changes: boolean;
  /** The properties whose change replaces the webhook (`["connection"]`: another account). */
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * The lifecycle of a webhook resource, over the Comm100 API: check, diff, create, read, update,
 * delete. Each door (the dynamic provider, the provider plugin) holds one per process and hands
 * it the `door` its messages are phrased in: the resource's type, arguments and fixes as that
 * door's programs write them.
 */
export class WebhookLifecycle {
  constructor(
    private readonly session: Session,
    private readonly door: Door,
  ) {}

  /**
   * Takes the `comm100:*` settings for the rest of the process; `connectionTerms` name where they
   * came from when that is not the door's default (an explicit provider's properties).
   */
  configure(getConfig: ConfigReader, connectionTerms?: ConnectionTerms): void {
    this.session.configure(getConfig, connectionTerms);
  }

  /**
   * Validates the arguments and the connection settings before any API call. Values not known
   * yet (preview) pass, and are checked again once known. A named `resource` declaring the same
   * webhook in the same account as another resource of the run is refused, naming both.
   */
  check(
    news: Record<string, unknown>,
    resource: ResourceName = "",
  ): { inputs: WebhookInputs; failures: CheckFailure[] } {
    const failures: CheckFailure[] = [];
    const fail = (property: string, problem: string | undefined) => {
      if (problem) failures.push({ property: "", reason: `${property} ${problem}` });
    };
    for (const name of Object.keys(news)) {
      if (!this.door.webhookArguments.includes(name)) {
        failures.push({ property: "", reason: messages.unknownArgument(this.door, name) });
      }
    }
    for (const { field, problem } of fieldProblems(news)) fail(field, problem);
    if (news.adoptId !== undefined && !isUnknown(news.adoptId)) {
      fail(this.door.adoptArgument(resource, String(news.event)), webhookIdProblem(news.adoptId));
    }
    const connection = this.session.resolveConnection(
      news.connection as ConnectionArgs | undefined,
    );
    if (connection.kind === "invalid") {
      failures.push({ property: "", reason: connection.message });
    }
    if (resource && failures.length === 0 && connection.kind === "resolved") {
      const twice = this.declaredTwice(news, resource, connection.connection);
      if (twice) failures.push({ property: "", reason: twice });
    }
    return { inputs: news as unknown as WebhookInputs, failures };
  }

  /**
   * The refusal of a webhook that `other` (as messages name it) declared before it in the same
   * program: for a door that learns it from the program, not from the run.
   */
  declaredTwiceIn(other: string, fields: WebhookFields): string {
    return messages.declaredTwiceAtCheck(this.door, "", other, fields);
  }

  /**
   * Compares the recorded state with the program. A different event or target URL is an
   * in-place update, as is a different `connection` that reaches the same account (rotated
   * credentials). Settings that name another account replace the webhook: it is made in the new
   * account and deleted from the old one. When the settings alone cannot tell (a new access
   * token, another scheme, agent or base URL), the new account is asked whether it has it.
   */
  async diff(
    id: string,
    olds: WebhookOutputs,
    news: WebhookInputs,
    resource: ResourceName = "",
  ): Promise<DiffResult> {
    const update = (changes: boolean) => ({ changes, replaces: [], deleteBeforeReplace: false });
    if (isUnknown(news.event) || isUnknown(news.targetUrl) || isUnknown(news.connection)) {
      return update(true);
    }
    const fieldsChanged =
      !sameFields(olds, news) ||
      JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
    const resolution = this.session.resolveConnection(news.connection);
    if (resolution.kind !== "resolved") return update(true);
    const current = resolution.connection;
    const recorded = connectionOfRecord(olds.account);
    if (!recorded || sameConnection(recorded, current)) {
      this.recordThatDiffKeeps(id, resource);
      return update(fieldsChanged);
    }
    if (
      surelySameAccount(recorded, current) ||
      (await this.session.accountFor(current).directory.find(id))
    ) {
      this.recordThatDiffKeeps(id, resource);
      return update(true);
    }
    this.session.ownership.markDeletedOrMoved(id);
    return { changes: true, replaces: ["connection"], deleteBeforeReplace: false };
  }

  /**
   * Creates the webhook, or adopts the existing one named by `adoptId`, for `resource`. The
   * warnings say what the engine's report cannot: that a webhook was adopted, not created, and
   * which identical twins of it the account also holds.
   */
  async create(
    inputs: WebhookInputs,
    resource: ResourceName = "",
  ): Promise<{ id: string; outs: WebhookOutputs; warnings: string[] }> {
    const account = this.session.accountFor(this.currentConnection(inputs.connection));
    const fields = fieldsOf(inputs);
    // A replacement (`--replace`, a move to another account) creates anew: its adoptId was used.
    const adoptId =
      inputs.adoptId && !this.session.ownership.wasDeletedOrMoved(inputs.adoptId)
        ? inputs.adoptId
        : undefined;
    const run = this.session.runFor(resource);
    const { webhook, adopted } = adoptId
      ? { webhook: await this.adopt(account, adoptId, fields, resource), adopted: true }
      : await createWithoutDuplicates(
          account,
          run,
          fields,
          this.createOptions(),
          this.refusalsFor(resource),
        );
    const warnings = [
      ...(adopted && !adoptId ? [adoptedNotCreated(webhook)] : []),
      ...(adopted ? await twinsOf(account, webhook) : []),
    ];
    return { id: webhook.id, outs: outputsOf(inputs, webhook, account.connection), warnings };
  }

  /**
   * Reads the webhook in the account it lives in; reports it gone (`{}`) when that account no
   * longer has it, so refresh drops it. A read without recorded state (an import, a lookup by
   * id) of an id the account does not have fails; of one it has, warns of identical twins.
   */
  async read(
    id: string,
    props: Partial<WebhookOutputs> = {},
  ): Promise<{
    id?: string;
    props?: WebhookOutputs;
    inputs?: WebhookOutputs;
    warnings: string[];
  }> {
    const idProblem = webhookIdProblem(id);
    if (idProblem) throw messages.malformedId(this.door, idProblem);
    const found = await this.findWhereItLives(id, props);
    if (!found) {
      if (props.event === undefined) {
        throw messages.noSuchWebhook(this.door, id, this.homeOf(props));
      }
      return { warnings: [] };
    }
    const state = outputsOf(props, found.webhook, found.account.connection);
    const inputs: WebhookOutputs = { ...state };
    delete inputs.account;
    const warnings = props.event === undefined ? await twinsOf(found.account, found.webhook) : [];
    return {
      id: sameId(id, found.webhook.id) ? id : found.webhook.id,
      props: state,
      inputs,
      warnings,
    };
  }

  /**
   * Sends the new event and target URL to the account the settings name (`diff` made sure it
   * holds the webhook); new credentials alone need no API call.
   */
  async update(
    id: string,
    olds: WebhookOutputs,
    news: WebhookInputs,
    resource: ResourceName = "",
  ): Promise<{ outs: WebhookOutputs }> {
    const connection = this.currentConnection(news.connection);
    if (sameFields(olds, news)) {
      return {
        outs: outputsOf(news, { id, ...fieldsOf(olds) }, connection),
      };
    }
    const account = this.session.accountFor(connection);
    const webhook = await updateWithoutDuplicates(
      account,
      this.session.runFor(resource),
      id,
      fieldsOf(news),
    );
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
   * deleted. One that another resource of this run adopted or keeps is left alone: the resource
   * leaves the state without it, and the warning returned says who keeps it.
   */
  async delete(
    id: string,
    props: WebhookOutputs,
    resource: ResourceName = "",
  ): Promise<{ warning?: string }> {
    const { ownership } = this.session;
    const holder = ownership.holderOf(id);
    if (holder !== undefined) {
      return { warning: messages.keptByAnother(this.door, id, resource, holder) };
    }
    const home = this.session.accountFor(this.homeOf(props));
    try {
      await home.client.delete(id);
      home.directory.forget(id);
    } catch (error) {
      const elsewhere = await this.reachWithCurrentSettings(id, props, error);
      await elsewhere.client.delete(id);
      elsewhere.directory.forget(id);
    }
    ownership.markDeletedOrMoved(id);
    return {};
  }

  /**
   * Records, as `diff` runs, that `resource` keeps webhook `id`: `delete` of another resource in
   * this run (a renamed one's old name, say) relies on it to leave the webhook alone, and no
   * other resource may adopt it. Refuses when another resource of the run keeps it too.
   */
  private recordThatDiffKeeps(id: string, resource: ResourceName): void {
    const other = this.session.ownership.hold(id, resource);
    if (other) throw messages.managedTwice(this.door, id, resource, other);
  }

  /**
   * The refusal when another named resource of the run already declared the webhook of `news`
   * (known values only) in the account `connection` reaches; records `resource` as declaring it.
   */
  private declaredTwice(
    news: Record<string, unknown>,
    resource: ResourceName,
    connection: Connection,
  ): string | undefined {
    const { event, targetUrl } = news;
    if (typeof event !== "string" || typeof targetUrl !== "string") return undefined;
    const fields = { event, targetUrl } as WebhookFields;
    const other = this.session.ownership.declare(connection, fields, resource);
    return (
      other &&
      messages.declaredTwiceAtCheck(
        this.door,
        resource,
        describeResource(other),
        fields,
        connection,
      )
    );
  }

  /** How a create of `resource` refuses, in the door's terms. */
  private refusalsFor(resource: ResourceName): CreateRefusals {
    return {
      declaredTwice: (existing, holder) =>
        messages.declaredTwice(this.door, resource, existing, holder),
      alreadyExists: (existing) => messages.alreadyExists(this.door, resource, existing),
    };
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
    resource: ResourceName,
  ): Promise<Webhook> {
    const { ownership } = this.session;
    const existing = await account.directory.find(id);
    if (!existing) {
      throw messages.adoptionMissing(this.door, resource, fields.event, id, account.connection);
    }
    const holder = ownership.holderOf(existing.id);
    if (holder !== undefined) {
      throw messages.adoptionHeld(this.door, resource, fields.event, id, holder);
    }
    ownership.hold(existing.id, resource);
    if (sameFields(existing, fields)) return existing;
    const updated = await updateWithoutDuplicates(
      account,
      this.session.runFor(resource),
      existing.id,
      fields,
    );
    if (!updated) throw messages.adoptionVanished(this.door, resource, fields.event, id);
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
    const recorded = connectionOfRecord(props.account);
    const resolution = this.session.resolveConnection(props.connection);
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
    return this.session.requireConnection(argument);
  }

  /** Where the webhook lives: the recorded account, else (older state) the current settings. */
  private homeOf(props: Partial<WebhookOutputs>): Connection {
    return connectionOfRecord(props.account) ?? this.currentConnection(props.connection);
  }
}

/** That `webhook` was adopted (`adoptExisting`), though the engine reports it as created. */
function adoptedNotCreated(webhook: Webhook): string {
  return (
    `Adopted the existing webhook ${webhook.id} (event "${webhook.event}" to ` +
    `${maskedUrl(webhook.targetUrl)}) instead of creating one, as comm100:adoptExisting ` +
    "(COMM100_ADOPT_EXISTING) asks: nothing was created in Comm100."
  );
}

/** A warning naming the webhooks of `account` identical to `webhook`, if it has any. */
async function twinsOf(account: Comm100Account, webhook: Webhook): Promise<string[]> {
  const twins = (await account.directory.all()).filter(
    (other) => !sameId(other.id, webhook.id) && sameFields(other, webhook),
  );
  if (twins.length === 0) return [];
  const ids = twins.map((twin) => twin.id).join(", ");
  return [
    `Webhook ${webhook.id} (event "${webhook.event}" to ${maskedUrl(webhook.targetUrl)}) has ` +
      `${twins.length === 1 ? "an identical twin" : `${twins.length} identical twins`} in ` +
      `${accountLabel(account.connection)}: ${ids}. Comm100 delivers every such event once per ` +
      "webhook. Delete the twin in the Comm100 Control Panel (or with `DELETE " +
      "livechat/webhooks/<id>`); do not bring it under management too.",
  ];
}

function isRejectedCredentials(error: unknown): boolean {
  return error instanceof Comm100ApiError && (error.status === 401 || error.status === 403);
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
