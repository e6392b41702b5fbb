import type * as pulumi from "@pulumi/pulumi";
import { clientDefaults, type Webhook, type WebhookFields } from "./client";
import { accountLabel, recordOf, sameConnection, surelySameAccount } from "./accountIdentity";
import { adoptExistingSetting } from "./adoptExisting";
import { clientTuning, createSettleSetting } from "./clientTuning";
import {
  connectionFromConfig,
  connectionFromEnv,
  requireConnection,
  resolveConnection,
  type Connection,
  type ConnectionArgs,
  type ConnectionSources,
} from "./connection";
import { Comm100ApiError } from "./errors";
import type { WebhookEvent } from "./events";
import { accountFor, providerState, type Account } from "./providerState";
import { createWithoutDuplicates, type CreateOptions } from "./safeCreate";
import { updateWithoutDuplicates } from "./safeUpdate";
import {
  eventProblem,
  isUnknown,
  sameId,
  sameTargetUrl,
  targetUrlProblem,
  webhookIdProblem,
} from "./validation";
import { sameFields } from "./webhookIdentity";

/** The inputs of a `Comm100Webhook`, as the engine hands them to the provider. */
export interface WebhookInputs {
  event: WebhookEvent;
  targetUrl: string;
  connection?: ConnectionArgs;
  adoptId?: string;
}

/** The state of a `Comm100Webhook` (its outputs). */
export interface WebhookOutputs extends WebhookInputs {
  /**
   * The connection the webhook was made or last confirmed with, whatever its source (argument,
   * stack config, environment): the account it lives in. A secret output.
   */
  account?: ConnectionArgs;
}

/** The arguments `check` accepts (an array: the SDK's closure serializer cannot capture a Set). */
const argumentNames: readonly string[] = [
  "event",
  "targetUrl",
  "connection",
  "adoptId",
  "__provider",
];

/** How creates behave: the client's backoff between looks for an unconfirmed create, 6 tries. */
function createOptions(): CreateOptions {
  const state = providerState();
  const base = state.clientOptions.retryBaseDelayMs ?? clientDefaults.retryBaseDelayMs;
  return {
    attempts: 6,
    delayMs: (attempt) => Math.min(base * 2 ** attempt, 15_000),
    settleMs: state.createSettleMs,
    adoptExisting: state.adoptExisting,
  };
}

/** Keeps the `comm100:*` stack config and the client tuning for the rest of the process. */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const state = providerState();
  const get = (key: string) => request.config.get(key);
  state.config = connectionFromConfig(get);
  state.clientOptions = clientTuning(get, process.env);
  state.adoptExisting = adoptExistingSetting(get, process.env);
  state.createSettleMs = createSettleSetting(get, process.env);
}

/**
 * Validates the arguments and the connection settings before any API call. Values not known yet
 * (preview) pass, and are checked again once known.
 */
export async function check(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<WebhookInputs>> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, problem: string | undefined) => {
    if (problem) failures.push({ property, reason: `${property} ${problem}` });
  };
  for (const name of Object.keys(news)) {
    if (!argumentNames.includes(name)) {
      fail(name, "is not an argument of Comm100Webhook: use event, targetUrl, connection, adoptId");
    }
  }
  if (!isUnknown(news.event)) fail("event", eventProblem(news.event));
  if (!isUnknown(news.targetUrl)) fail("targetUrl", targetUrlProblem(news.targetUrl));
  if (news.adoptId !== undefined && !isUnknown(news.adoptId)) {
    fail("adoptId", webhookIdProblem(news.adoptId));
  }
  const connection = resolveConnection(sourcesOf(news.connection as ConnectionArgs | undefined));
  if (connection.kind === "invalid")
    failures.push({ property: "connection", reason: connection.message });
  return { inputs: news as unknown as WebhookInputs, failures };
}

/**
 * Compares the recorded state with the program. A different event or target URL is an in-place
 * update, as is a different `connection` that reaches the same account (rotated credentials).
 * Settings that name another account replace the webhook: it is made in the new account and
 * deleted from the old one. When the settings alone cannot tell (a new access token, another
 * scheme, agent or base URL), the new account is asked whether it has the webhook.
 */
export async function diff(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const update = (changes: boolean) => ({ changes, replaces: [], deleteBeforeReplace: false });
  if (isUnknown(news.event) || isUnknown(news.targetUrl) || isUnknown(news.connection)) {
    return update(true);
  }
  const fieldsChanged =
    !sameFields(olds, news) ||
    JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
  const resolution = resolveConnection(sourcesOf(news.connection));
  if (resolution.kind !== "resolved") return update(true);
  const current = resolution.connection;
  const recorded = recordedConnection(olds);
  const { ownership } = providerState();
  if (!recorded || sameConnection(recorded, current)) {
    ownership.hold(id);
    return update(fieldsChanged);
  }
  if (surelySameAccount(recorded, current) || (await accountFor(current).directory.find(id))) {
    ownership.hold(id);
    return update(true);
  }
  ownership.markReplaced(id);
  return { changes: true, replaces: ["connection"], deleteBeforeReplace: false };
}

/** Creates the webhook, or adopts the existing one named by `adoptId`. */
export async function create(
  inputs: WebhookInputs,
): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
  const state = providerState();
  const account = accountFor(currentConnection(inputs.connection));
  const fields = fieldsOf(inputs);
  // A replacement (`--replace`, a move to another account) creates anew: its adoptId was used.
  const adoptId =
    inputs.adoptId && !state.ownership.wasReplaced(inputs.adoptId) ? inputs.adoptId : undefined;
  const webhook = adoptId
    ? await adopt(account, adoptId, fields)
    : await createWithoutDuplicates(account, state, fields, createOptions());
  return { id: webhook.id, outs: outputsOf(inputs, webhook, account.connection) };
}

/**
 * Reads the webhook in the account it lives in; reports it gone when that account no longer has
 * it, so refresh drops it. `Comm100Webhook.get` of an id the account does not have fails.
 */
export async function read(
  id: string,
  props: Partial<WebhookOutputs> = {},
): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
  const idProblem = webhookIdProblem(id);
  if (idProblem) throw new Error(`Comm100Webhook id ${idProblem}`);
  const found = await findWhereItLives(id, props);
  if (!found) {
    if (props.event === undefined) {
      throw new Error(
        `Comm100Webhook.get: ${accountLabel(homeOf(props))} has no webhook with id ${id}. ` +
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
 * Sends the new event and target URL to the account the settings name (`diff` made sure it holds
 * the webhook); new credentials alone need no API call.
 */
export async function update(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
  const connection = currentConnection(news.connection);
  if (sameFields(olds, news)) {
    return {
      outs: outputsOf(news, { id, event: olds.event, targetUrl: olds.targetUrl }, connection),
    };
  }
  const account = accountFor(connection);
  const webhook = await updateWithoutDuplicates(account, providerState(), id, fieldsOf(news));
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
 * Deletes the webhook from the account it lives in; one that is already gone counts as deleted,
 * and one that another resource of this run adopted or kept is left alone.
 */
async function deleteWebhook(id: string, props: WebhookOutputs): Promise<void> {
  const { ownership } = providerState();
  if (ownership.holds(id)) return;
  const home = accountFor(homeOf(props));
  try {
    await home.client.delete(id);
    home.directory.forget(id);
  } catch (error) {
    const elsewhere = await reachWithCurrentSettings(id, props, error);
    await elsewhere.client.delete(id);
    elsewhere.directory.forget(id);
  }
  ownership.markReplaced(id);
}
export { deleteWebhook as delete };

async function adopt(account: Account, id: string, fields: WebhookFields): Promise<Webhook> {
  const state = providerState();
  const existing = await account.directory.find(id);
  if (!existing) {
    throw new Error(
      `adoptId ${id}: ${accountLabel(account.connection)} has no webhook with this id. Check the ` +
        "id (getWebhooks() lists them) and that the connection names the account it is in, or " +
        "remove adoptId to create a new webhook.",
    );
  }
  if (state.ownership.holds(existing.id)) {
    throw new Error(
      `adoptId ${id}: another resource of this stack manages this webhook; a webhook belongs to ` +
        "one resource. Remove adoptId here, or remove the other resource. Nothing was changed.",
    );
  }
  state.ownership.hold(existing.id);
  if (sameFields(existing, fields)) return existing;
  const updated = await updateWithoutDuplicates(account, state, existing.id, fields);
  if (!updated) throw new Error(`adoptId ${id}: the webhook was deleted while being adopted.`);
  return updated;
}

/** The webhook and the account it is in: the recorded one, or the current settings' one. */
async function findWhereItLives(
  id: string,
  props: Partial<WebhookOutputs>,
): Promise<{ webhook: Webhook; account: Account } | undefined> {
  const home = accountFor(homeOf(props));
  try {
    const webhook = await home.directory.find(id);
    return webhook && { webhook, account: home };
  } catch (error) {
    const elsewhere = await reachWithCurrentSettings(id, props, error);
    const webhook = await elsewhere.directory.find(id);
    return webhook && { webhook, account: elsewhere };
  }
}

/**
 * After the recorded account rejected its recorded credentials (`failure`), the current
 * settings' account, when they differ and it holds the webhook (the credentials were rotated);
 * else `failure` again, or an error that says what to do.
 */
async function reachWithCurrentSettings(
  id: string,
  props: Partial<WebhookOutputs>,
  failure: unknown,
): Promise<Account> {
  const recorded = recordedConnection(props);
  const resolution = resolveConnection(sourcesOf(props.connection));
  if (
    !recorded ||
    resolution.kind !== "resolved" ||
    sameConnection(recorded, resolution.connection) ||
    !isRejectedCredentials(failure)
  ) {
    throw failure;
  }
  const current = accountFor(resolution.connection);
  if (await current.directory.find(id)) return current;
  throw new Error(
    `Webhook ${id} lives in ${accountLabel(recorded)}, which rejected the credentials it was made ` +
      `with (${(failure as Error).message}), and ${accountLabel(resolution.connection)} does not ` +
      "have it. If it still exists there, give that account's current credentials and run " +
      "again; if it is gone, `pulumi state delete <urn>` forgets it.",
  );
}

function isRejectedCredentials(error: unknown): boolean {
  return error instanceof Comm100ApiError && (error.status === 401 || error.status === 403);
}

function sourcesOf(argument: ConnectionArgs | undefined): ConnectionSources {
  return {
    connection: argument,
    config: providerState().config,
    env: connectionFromEnv(process.env),
  };
}

function currentConnection(argument: ConnectionArgs | undefined): Connection {
  return requireConnection(sourcesOf(argument));
}

/** The connection recorded in a webhook's state, if it has one. */
function recordedConnection(props: Partial<WebhookOutputs>): Connection | undefined {
  const resolution = resolveConnection({ connection: props.account, config: {}, env: {} });
  return resolution.kind === "resolved" ? resolution.connection : undefined;
}

/** Where the webhook lives: the recorded account, else (older state) the current settings. */
function homeOf(props: Partial<WebhookOutputs>): Connection {
  return recordedConnection(props) ?? currentConnection(props.connection);
}

function fieldsOf(inputs: WebhookInputs): WebhookFields {
  return { event: inputs.event, targetUrl: inputs.targetUrl };
}

/**
 * The state to record: Comm100's values, except that a target URL Comm100 spells differently
 * but means the same keeps the program's spelling (so a refresh shows no false diff), and the
 * connection that reached the webhook.
 */
function outputsOf(
  inputs: Partial<WebhookInputs>,
  webhook: Webhook,
  connection: Connection,
): WebhookOutputs {
  const targetUrl =
    inputs.targetUrl && sameTargetUrl(inputs.targetUrl, webhook.targetUrl)
      ? inputs.targetUrl
      : webhook.targetUrl;
  return {
    event: webhook.event as WebhookEvent,
    targetUrl,
    ...(inputs.connection ? { connection: inputs.connection } : {}),
    ...(inputs.adoptId ? { adoptId: inputs.adoptId } : {}),
    account: recordOf(connection),
  };
}
