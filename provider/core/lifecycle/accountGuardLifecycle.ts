import { randomUUID } from "node:crypto";
import {
  allowEntryProblem,
  unexpectedWebhooks,
  type AllowEntry,
  type UnexpectedWebhook,
} from "../guard/allowedWebhooks";
import { accountLabel, connectionOfRecord, recordOf } from "../settings/accountIdentity";
import type { Connection, ConnectionArgs } from "../settings/connection";
import type { ConfigReader } from "../settings/settings";
import { isUnknown } from "../engine/unknownValue";
import { webhookIdProblem } from "../webhook/validation";
import { idKey } from "../webhook/webhookFields";
import type { CheckFailure, DiffResult } from "./webhookLifecycle";
import type { Comm100Account, Session } from "./session";

/** The inputs of an account guard. */
export interface AccountGuardInputs {
  /** The ids of the webhooks the stack declares (usually other resources' outputs). */
  webhookIds: string[];
  /** Webhooks others manage, by target host and event. */
  allow?: AllowEntry[];
  /** Delete unexpected webhooks instead of failing. Default false. */
  removeUnexpected?: boolean;
  connection?: ConnectionArgs;
}

/** The state of an account guard. */
export interface AccountGuardOutputs extends AccountGuardInputs {
  /** What the account held besides the declared and allowed webhooks, when last looked at. */
  unexpected: UnexpectedWebhook[];
  /** The settings that reach the account (a secret output). */
  account?: ConnectionArgs;
}

/**
 * An account guard: the webhooks an account may hold are the stack's own (`webhookIds`) and
 * those `allow` lets others manage; any other is unexpected. Pulumi sees it as drift: each
 * refresh and each preview looks at the account (the run's one list call), `up` fails naming
 * each unexpected webhook and the fixes, or, with `removeUnexpected`, deletes them. A webhook
 * a resource of the run holds is never unexpected, whatever `webhookIds` says.
 */
export class AccountGuardLifecycle {
  /** `argumentNames`: the arguments the door's guard takes (the plugin's has no `connection`). */
  constructor(
    private readonly session: Session,
    private readonly argumentNames: readonly string[] = [
      "webhookIds",
      "allow",
      "removeUnexpected",
      "connection",
    ],
  ) {}

  /** Takes the `comm100:*` stack config for the rest of the process. */
  configure(getConfig: ConfigReader): void {
    this.session.configure(getConfig);
  }

  /** Validates the arguments before any API call; values not known yet pass. */
  check(news: Record<string, unknown>): { failures: CheckFailure[] } {
    const failures: CheckFailure[] = [];
    const fail = (reason: string) => failures.push({ property: "", reason });
    for (const name of Object.keys(news)) {
      if (!this.argumentNames.includes(name)) {
        const known = this.argumentNames.join(", ");
        fail(`${name} is not an argument of the account guard: use ${known}`);
      }
    }
    const { webhookIds, allow, removeUnexpected } = news;
    listProblems("webhookIds", webhookIds, "a list of webhook ids", webhookIdProblem).forEach(fail);
    if (allow !== undefined) {
      const shape = "a list of { targetHost, event } entries";
      listProblems("allow", allow, shape, allowEntryProblem).forEach(fail);
    }
    const flag = removeUnexpected;
    if (flag !== undefined && !isUnknown(flag) && typeof flag !== "boolean") {
      fail("removeUnexpected must be true or false");
    }
    const connection = this.session.resolveConnection(
      news.connection as ConnectionArgs | undefined,
    );
    if (connection.kind === "invalid") fail(connection.message);
    return { failures };
  }

  /**
   * Changes when the arguments changed or the account holds unexpected webhooks (it looks at
   * the account: one list call, shared with the run's other reads). The warnings name them.
   */
  async diff(
    olds: AccountGuardOutputs,
    news: AccountGuardInputs,
  ): Promise<{ diff: DiffResult; warnings: string[] }> {
    const diff = (changes: boolean) => ({ changes, replaces: [], deleteBeforeReplace: false });
    if (hasUnknown(news)) return { diff: diff(true), warnings: [] };
    const changed = JSON.stringify(inputsOf(olds)) !== JSON.stringify(inputsOf(news));
    const account = this.session.accountFor(this.connectionOf(news));
    const unexpected = await this.unexpectedIn(account, news, olds.webhookIds, false);
    return {
      diff: diff(changed || unexpected.length > 0 || (olds.unexpected ?? []).length > 0),
      warnings: unexpected.map((webhook) => unexpectedNote(webhook, account)),
    };
  }

  /** Looks at the account; fails naming each unexpected webhook, or deletes them when told to. */
  async create(inputs: AccountGuardInputs): Promise<{
    id: string;
    outs: AccountGuardOutputs;
    warnings: string[];
  }> {
    const { outs, warnings } = await this.enforce(inputs);
    return { id: randomUUID(), outs, warnings };
  }

  /**
   * As `create`, for new arguments or an account that drifted. A webhook the last run declared
   * (`olds.webhookIds`) is not unexpected in this run: a webhook removed from the program is
   * deleted at the end of the run that stops declaring it.
   */
  update(olds: AccountGuardOutputs, news: AccountGuardInputs) {
    return this.enforce(news, olds.webhookIds);
  }

  /** Refresh: records what the account holds besides the declared and allowed webhooks. */
  async read(
    props: AccountGuardOutputs,
  ): Promise<{ props: AccountGuardOutputs; inputs: AccountGuardInputs; warnings: string[] }> {
    const account = this.session.accountFor(this.homeOf(props));
    const unexpected = await this.unexpectedIn(account, props, [], false);
    return {
      props: { ...props, unexpected, account: recordOf(account.connection) },
      inputs: inputsOf(props),
      warnings: unexpected.map((webhook) => unexpectedNote(webhook, account)),
    };
  }

  private async enforce(
    inputs: AccountGuardInputs,
    leaving: readonly string[] = [],
  ): Promise<{ outs: AccountGuardOutputs; warnings: string[] }> {
    const account = this.session.accountFor(this.connectionOf(inputs));
    const unexpected = await this.unexpectedIn(account, inputs, leaving, true);
    // Either there is none, or every one is removed below: none is left.
    const outs: AccountGuardOutputs = {
      ...inputsOf(inputs),
      unexpected: [],
      account: recordOf(account.connection),
    };
    if (unexpected.length === 0) return { outs, warnings: [] };
    if (!inputs.removeUnexpected) throw unexpectedError(unexpected, account);
    const warnings: string[] = [];
    for (const webhook of unexpected) {
      await account.client.delete(webhook.id);
      account.directory.forget(webhook.id);
      warnings.push(
        `Removed the unexpected webhook ${describe(webhook)} (removeUnexpected: true).`,
      );
    }
    return { outs, warnings };
  }

  /**
   * The webhooks of `account` that the guard's arguments do not account for, leaving out those
   * declared before (`leaving`: this run deletes them at its end) and those a resource of this
   * run holds or replaces.
   */
  private async unexpectedIn(
    account: Comm100Account,
    args: AccountGuardInputs,
    leaving: readonly string[],
    fresh: boolean,
  ): Promise<UnexpectedWebhook[]> {
    const declared = new Set([...(args.webhookIds ?? []), ...leaving].map(idKey));
    const webhooks = await account.directory.all({ fresh });
    const { ownership } = this.session;
    return unexpectedWebhooks(webhooks, declared, args.allow ?? []).filter(
      (webhook) => !ownership.holds(webhook.id) && !ownership.wasDeletedOrMoved(webhook.id),
    );
  }

  private connectionOf(args: AccountGuardInputs): Connection {
    return this.session.requireConnection(args.connection);
  }

  /** The account recorded in the state, else the current settings'. */
  private homeOf(props: AccountGuardOutputs): Connection {
    return connectionOfRecord(props.account) ?? this.connectionOf(props);
  }
}

/** What is wrong with the list `value` called `name`, item by item; unknown values pass. */
function listProblems(
  name: string,
  value: unknown,
  shape: string,
  itemProblem: (item: unknown) => string | undefined,
): string[] {
  if (isUnknown(value)) return [];
  if (!Array.isArray(value)) return [`${name} must be ${shape}`];
  return value.flatMap((item, i) => {
    const problem = isUnknown(item) ? undefined : itemProblem(item);
    return problem ? [`${name}[${i}] ${problem}`] : [];
  });
}

function inputsOf(args: AccountGuardInputs): AccountGuardInputs {
  return {
    webhookIds: args.webhookIds,
    ...(args.allow ? { allow: args.allow } : {}),
    ...(args.removeUnexpected !== undefined ? { removeUnexpected: args.removeUnexpected } : {}),
    ...(args.connection ? { connection: args.connection } : {}),
  };
}

function hasUnknown(args: AccountGuardInputs): boolean {
  const values = [args.webhookIds, args.allow, args.removeUnexpected, args.connection];
  return (
    values.some(isUnknown) ||
    (Array.isArray(args.webhookIds) && args.webhookIds.some(isUnknown)) ||
    (Array.isArray(args.allow) && args.allow.some(isUnknown))
  );
}

function describe(webhook: UnexpectedWebhook): string {
  return `${webhook.id} (event "${webhook.event}" to host ${webhook.targetHost})`;
}

function unexpectedNote(webhook: UnexpectedWebhook, account: Comm100Account): string {
  return `Unexpected webhook in ${accountLabel(account.connection)}: ${describe(webhook)}.`;
}

function unexpectedError(unexpected: UnexpectedWebhook[], account: Comm100Account): Error {
  return new Error(
    `${accountLabel(account.connection)} holds ${unexpected.length} webhook(s) this stack neither ` +
      `declares nor allows: ${unexpected.map(describe).join("; ")}. Nothing was deleted. For each: ` +
      "if this stack should manage it, declare it (`discover` writes the code) and add its id to " +
      "webhookIds; if another stack or person manages it, add { targetHost, event } to allow; if " +
      "it must go, delete it in Comm100, or set removeUnexpected: true to let this guard delete " +
      "every unexpected webhook.",
  );
}
