import type * as provider from "@pulumi/pulumi/provider";
import { version } from "../../package.json";
import { findWebhook, findWebhooks, type WebhookFilters } from "../core/lifecycle/lookups";
import type { RunMemory } from "../core/lifecycle/runMemory";
import { Session } from "../core/lifecycle/session";
import {
  WebhookLifecycle,
  type WebhookInputs,
  type WebhookOutputs,
} from "../core/lifecycle/webhookLifecycle";
import schema from "./schema.json";
import { tokens, secretOutputNames } from "./schema";
import { revealed, withSecrets, type ProviderConfig } from "./serverWorkarounds";
import type { Warn } from "./engineLog";

/**
 * The `comm100` resource provider: the core's webhook lifecycle and lookups, served to the
 * engine for `comm100:index:Webhook`, `getWebhook` and `getWebhooks`. Values arrive with their
 * secret marks; the core sees them plain, and every output keeps the mark its input had (the
 * recorded account is always secret). Each resource is named to the core by its URN.
 */
export class PluginProvider implements provider.Provider {
  readonly version = version;
  readonly schema = JSON.stringify(schema);
  private readonly session: Session;
  private readonly lifecycle: WebhookLifecycle;

  /**
   * `run`: what this process shares with the run's other provider processes; `warn`: how a
   * warning reaches the user.
   */
  constructor(
    run: RunMemory,
    private readonly warn: Warn,
  ) {
    this.session = new Session({ run });
    this.lifecycle = new WebhookLifecycle(this.session);
  }

  /** Takes the provider's config (keys without the `comm100:` prefix). */
  configure(config: ProviderConfig): void {
    const plain = revealed(config) as ProviderConfig;
    this.lifecycle.configure((key) => {
      const value = plain[key.replace(/^comm100:/, "")];
      return value === undefined || value === null ? undefined : String(value);
    });
  }

  async check(urn: string, _olds: unknown, news: Record<string, unknown>) {
    assertWebhook(urn);
    const { failures } = this.lifecycle.check(revealed(news) as Record<string, unknown>);
    return { inputs: news, failures };
  }

  async diff(id: string, urn: string, olds: WebhookOutputs, news: WebhookInputs) {
    assertWebhook(urn);
    return this.lifecycle.diff(id, plain(olds), plain(news), urn);
  }

  async create(urn: string, inputs: WebhookInputs) {
    assertWebhook(urn);
    const { id, outs } = await this.lifecycle.create(plain(inputs), urn);
    return { id, outs: withSecrets(outs, secretNames(inputs)) };
  }

  async read(id: string, urn: string, props: Partial<WebhookOutputs> = {}) {
    assertWebhook(urn);
    const result = await this.lifecycle.read(id, plain(props));
    const secrets = secretNames(props);
    return {
      id: result.id,
      props: result.props && withSecrets(result.props, secrets),
      inputs: result.inputs && withSecrets(result.inputs, secrets),
    };
  }

  async update(id: string, urn: string, olds: WebhookOutputs, news: WebhookInputs) {
    assertWebhook(urn);
    const { outs } = await this.lifecycle.update(id, plain(olds), plain(news), urn);
    return { outs: withSecrets(outs, secretNames(news)) };
  }

  async delete(id: string, urn: string, props: WebhookOutputs) {
    assertWebhook(urn);
    const { warning } = await this.lifecycle.delete(id, plain(props), urn);
    if (warning) await this.warn(warning, urn);
  }

  async invoke(token: string, args: Record<string, unknown>) {
    const plainArgs = revealed(args) as Record<string, unknown>;
    if (token === tokens.getWebhooks) {
      const webhooks = await findWebhooks(this.session, plainArgs as WebhookFilters);
      return { outputs: { webhooks } };
    }
    if (token === tokens.getWebhook) {
      return { outputs: await findWebhook(this.session, String(plainArgs.id), undefined) };
    }
    throw new Error(`unknown function ${token}: use ${tokens.getWebhook} or ${tokens.getWebhooks}`);
  }
}

function assertWebhook(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== tokens.webhook)
    throw new Error(`unknown resource type ${type}: use ${tokens.webhook}`);
}

function plain<T>(value: T): T {
  return revealed(value) as T;
}

/** The properties of `values` that arrived secret, and the outputs that always are. */
function secretNames(values: object): string[] {
  const secret = Object.entries(values)
    .filter(([, value]) => revealed(value) !== value)
    .map(([name]) => name);
  return [...secret, ...secretOutputNames];
}
