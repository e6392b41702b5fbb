import {
  AccountGuardLifecycle,
  type AccountGuardInputs,
  type AccountGuardOutputs,
} from "../core/lifecycle/accountGuardLifecycle";
import type { Session } from "../core/lifecycle/session";
import type { Warn } from "./engineLog";
import { revealed, withSecrets } from "./serverWorkarounds";
import { accountGuardInputNames, secretOutputNames } from "./schema";

/**
 * `comm100:index:AccountGuard` served to the engine: the core's guard, values unwrapped. The
 * engine's values arrive untyped (`object`): the schema made them guard arguments.
 */
export class AccountGuardResource {
  private readonly lifecycle: AccountGuardLifecycle;

  constructor(
    session: Session,
    private readonly warn: Warn,
  ) {
    this.lifecycle = new AccountGuardLifecycle(session, accountGuardInputNames);
  }

  check(news: Record<string, unknown>) {
    return { inputs: news, ...this.lifecycle.check(plain(news)) };
  }

  async diff(urn: string, olds: object, news: object) {
    const { diff, warnings } = await this.lifecycle.diff(
      plain(olds) as AccountGuardOutputs,
      plain(news) as AccountGuardInputs,
    );
    await this.warnAll(warnings, urn);
    return diff;
  }

  async create(urn: string, inputs: object) {
    const { id, outs, warnings } = await this.lifecycle.create(plain(inputs) as AccountGuardInputs);
    await this.warnAll(warnings, urn);
    return { id, outs: withSecrets(outs, secretOutputNames) };
  }

  async read(id: string, urn: string, props: object) {
    const {
      props: state,
      inputs,
      warnings,
    } = await this.lifecycle.read(plain(props) as AccountGuardOutputs);
    await this.warnAll(warnings, urn);
    return { id, props: withSecrets(state, secretOutputNames), inputs };
  }

  async update(urn: string, olds: object, news: object) {
    const { outs, warnings } = await this.lifecycle.update(
      plain(olds) as AccountGuardOutputs,
      plain(news) as AccountGuardInputs,
    );
    await this.warnAll(warnings, urn);
    return { outs: withSecrets(outs, secretOutputNames) };
  }

  private async warnAll(warnings: readonly string[], urn: string): Promise<void> {
    for (const warning of warnings) await this.warn(warning, urn);
  }
}

function plain<T>(value: T): T {
  return revealed(value) as T;
}
