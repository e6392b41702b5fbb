import type * as pulumi from "@pulumi/pulumi";
import { clientDefaults, type Webhook, type WebhookFields } from "./client";
import { adoptExistingSetting } from "./adoptExisting";
import { clientTuning } from "./clientTuning";
import {
  connectionFromConfig,
  connectionFromEnv,
  requireConnection,
  resolveConnection,
  type ConnectionArgs,
  type ConnectionSources,
} from "./connection";
import type { WebhookEvent } from "./events";
import { accountFor, providerState, type Account } from "./providerState";
import { createWithoutDuplicates, type CreateOptions } from "./safeCreate";
import {
  eventProblem,
  idKey,
  isUnknown,
  sameId,
  sameTargetUrl,
  targetUrlProblem,
  webhookIdProblem,
} from "./validation";

/** The inputs of a `Comm100Webhook`, as the engine hands them to the provider. */
export interface WebhookInputs {
  event: WebhookEvent;
  targetUrl: string;
  connection?: ConnectionArgs;
  adoptId?: string;
}

/** The state of a `Comm100Webhook` (its outputs). */
export type WebhookOutputs = WebhookInputs;

/** The arguments `check` accepts (an array: the SDK's closure serializer cannot capture a Set). */
const argumentNames: readonly string[] = [
  "event",
  "targetUrl",
  "connection",
  "adoptId",
  "__provider",
];

/** How creates behave: the client's backoff for unconfirmed creates, at most 6 tries. */
function createOptions(): CreateOptions {
  const state = providerState();
  const base = state.clientOptions.retryBaseDelayMs ?? clientDefaults.retryBaseDelayMs;
  return {
    attempts: 6,
    delayMs: (attempt) => Math.min(base * 2 ** attempt, 10_000),
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
 * Compares the recorded state with the program: a different event or target URL is an in-place
 * update (never a replacement), as is a different `connection`; `adoptId` matters only at create.
 */
export async function diff(
  _id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const changed =
    isUnknown(news.event) ||
    isUnknown(news.targetUrl) ||
    isUnknown(news.connection) ||
    olds.event !== news.event ||
    !sameTargetUrl(olds.targetUrl, news.targetUrl) ||
    JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
  return { changes: changed, replaces: [], deleteBeforeReplace: false };
}

/** Creates the webhook, or adopts the existing one named by `adoptId`. */
export async function create(
  inputs: WebhookInputs,
): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
  const account = accountOf(inputs.connection);
  const fields = fieldsOf(inputs);
  const webhook = inputs.adoptId
    ? await adopt(account, inputs.adoptId, fields)
    : await createWithoutDuplicates(account, fields, createOptions());
  return { id: webhook.id, outs: outputsOf(inputs, webhook) };
}

/** Reads the webhook; reports it gone when Comm100 no longer has it, so refresh drops it. */
export async function read(
  id: string,
  props: Partial<WebhookOutputs> = {},
): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
  const idProblem = webhookIdProblem(id);
  if (idProblem) throw new Error(`Comm100Webhook id ${idProblem}`);
  const webhook = await accountOf(props.connection).directory.find(id);
  if (!webhook) return {};
  const state = outputsOf(props, webhook);
  return { id: sameId(id, webhook.id) ? id : webhook.id, props: state, inputs: state };
}

/** Sends the new event and target URL; a change of `connection` alone needs no API call. */
export async function update(
  id: string,
  olds: WebhookOutputs,
  news: WebhookInputs,
): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
  if (olds.event === news.event && sameTargetUrl(olds.targetUrl, news.targetUrl)) {
    return { outs: outputsOf(news, { id, event: olds.event, targetUrl: olds.targetUrl }) };
  }
  const account = accountOf(news.connection);
  const webhook = await account.client.update(id, fieldsOf(news));
  if (!webhook) {
    throw new Error(
      `Webhook ${id} no longer exists in Comm100 (deleted outside Pulumi?): run \`pulumi up --refresh\` to recreate it.`,
    );
  }
  account.directory.remember(webhook);
  return { outs: outputsOf(news, webhook) };
}

/** Deletes the webhook; one that is already gone counts as deleted. */
async function deleteWebhook(id: string, props: WebhookOutputs): Promise<void> {
  const account = accountOf(props.connection);
  await account.client.delete(id);
  account.directory.forget(id);
}
export { deleteWebhook as delete };

async function adopt(account: Account, id: string, fields: WebhookFields): Promise<Webhook> {
  const existing = await account.directory.find(id);
  if (!existing) {
    throw new Error(
      `adoptId ${id}: Comm100 has no webhook with this id. Check the id (getWebhooks() lists them) or remove adoptId to create a new webhook.`,
    );
  }
  account.claimed.add(idKey(existing.id));
  if (existing.event === fields.event && sameTargetUrl(existing.targetUrl, fields.targetUrl)) {
    return existing;
  }
  const updated = await account.client.update(existing.id, fields);
  if (!updated) throw new Error(`adoptId ${id}: the webhook was deleted while being adopted.`);
  account.directory.remember(updated);
  return updated;
}

function sourcesOf(argument: ConnectionArgs | undefined): ConnectionSources {
  return {
    connection: argument,
    config: providerState().config,
    env: connectionFromEnv(process.env),
  };
}

function accountOf(argument: ConnectionArgs | undefined): Account {
  return accountFor(requireConnection(sourcesOf(argument)));
}

function fieldsOf(inputs: WebhookInputs): WebhookFields {
  return { event: inputs.event, targetUrl: inputs.targetUrl };
}

/**
 * The state to record: Comm100's values, except that a target URL Comm100 spells differently
 * but means the same keeps the program's spelling (so a refresh shows no false diff).
 */
function outputsOf(inputs: Partial<WebhookInputs>, webhook: Webhook): WebhookOutputs {
  const targetUrl =
    inputs.targetUrl && sameTargetUrl(inputs.targetUrl, webhook.targetUrl)
      ? inputs.targetUrl
      : webhook.targetUrl;
  return {
    event: webhook.event as WebhookEvent,
    targetUrl,
    ...(inputs.connection ? { connection: inputs.connection } : {}),
    ...(inputs.adoptId ? { adoptId: inputs.adoptId } : {}),
  };
}
