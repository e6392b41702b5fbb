import type * as pulumi from "@pulumi/pulumi";
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
import { nameWebhooks } from "../core/discovery/accountInventory";
import { AccountGuardResource } from "./accountGuardResource";
import { constructSubscription } from "./webhookSubscription";
import {
  revealed,
  withSecrets,
  type ListedResource,
  type ProviderConfig,
} from "./serverWorkarounds";
import type { Warn } from "./engineLog";
import { pluginDoor } from "./pluginDoor";
import { describeResource, parseUrn } from "../core/lifecycle/resourceName";
import { configEnvTerms, providerPropertyTerms } from "../core/settings/connectionTerms";

/**
 * The `comm100` resource provider: the core's lifecycles and lookups, served to the engine for
 * `comm100:index:Webhook` (and its List), `comm100:index:AccountGuard`, the component
 * `comm100:index:WebhookSubscription`, `getWebhook` and `getWebhooks`. Values arrive with their
 * secret marks; the core sees them plain, and every output keeps the mark its input had (the
 * recorded account is always secret). Each resource is named to the core by its URN.
 */
export class PluginProvider implements provider.Provider {
  readonly version = version;
  readonly schema = JSON.stringify(schema);
  private readonly session: Session;
  private readonly lifecycle: WebhookLifecycle;
  private readonly guard: AccountGuardResource;

  /**
   * `run`: what this process shares with the run's other provider processes; `warn`: how a
   * warning reaches the user.
   */
  constructor(
    run: RunMemory,
    private readonly warn: Warn,
  ) {
    this.session = new Session({ run, connectionTerms: configEnvTerms });
    this.lifecycle = new WebhookLifecycle(this.session, pluginDoor);
    this.guard = new AccountGuardResource(this.session, warn);
  }

  /**
   * Takes the provider's config (keys without the `comm100:` prefix): the stack config for the
   * default provider, the properties of an explicit one (`providerUrn` names it), which messages
   * about missing settings then name.
   */
  configure(config: ProviderConfig, providerUrn = ""): void {
    const plain = revealed(config) as ProviderConfig;
    this.lifecycle.configure(
      (key) => {
        const value = plain[key.replace(/^comm100:/, "")];
        return value === undefined || value === null ? undefined : String(value);
      },
      isDeclaredProvider(providerUrn)
        ? providerPropertyTerms(describeResource(providerUrn))
        : configEnvTerms,
    );
  }

  async check(urn: string, _olds: unknown, news: Record<string, unknown>) {
    if (isGuard(urn)) return this.guard.check(news);
    assertWebhook(urn);
    const { failures } = this.lifecycle.check(revealed(news) as Record<string, unknown>, urn);
    return { inputs: news, failures };
  }

  async diff(id: string, urn: string, olds: WebhookOutputs, news: WebhookInputs) {
    if (isGuard(urn)) return this.guard.diff(urn, olds, news);
    assertWebhook(urn);
    return this.lifecycle.diff(id, plain(olds), plain(news), urn);
  }

  async create(urn: string, inputs: WebhookInputs) {
    if (isGuard(urn)) return this.guard.create(urn, inputs);
    assertWebhook(urn);
    const { id, outs, warnings } = await this.lifecycle.create(plain(inputs), urn);
    await this.warnAll(warnings, urn);
    return { id, outs: withSecrets(outs, secretNames(inputs)) };
  }

  async read(id: string, urn: string, props: Partial<WebhookOutputs> = {}) {
    if (isGuard(urn)) return this.guard.read(id, urn, props);
    assertWebhook(urn);
    const result = await this.lifecycle.read(id, plain(props));
    await this.warnAll(result.warnings, urn);
    const secrets = secretNames(props);
    return {
      id: result.id,
      props: result.props && withSecrets(result.props, secrets),
      inputs: result.inputs && withSecrets(result.inputs, secrets),
    };
  }

  async update(id: string, urn: string, olds: WebhookOutputs, news: WebhookInputs) {
    if (isGuard(urn)) return this.guard.update(urn, olds, news);
    assertWebhook(urn);
    const { outs } = await this.lifecycle.update(id, plain(olds), plain(news), urn);
    return { outs: withSecrets(outs, secretNames(news)) };
  }

  async delete(id: string, urn: string, props: WebhookOutputs) {
    if (isGuard(urn)) return; // A guard owns no webhook: deleting it deletes nothing.
    assertWebhook(urn);
    const { warning } = await this.lifecycle.delete(id, plain(props), urn);
    await this.warnAll(warning ? [warning] : [], urn);
  }

  private async warnAll(warnings: readonly string[], urn: string): Promise<void> {
    for (const warning of warnings) await this.warn(warning, urn);
  }

  /**
   * Every webhook of the configured account (one API call; `query.event` keeps one event's), named
   * as `discover` names them.
   */
  async list(token: string, query: Record<string, unknown>): Promise<ListedResource[]> {
    if (token !== tokens.webhook) {
      throw new Error(`unknown resource type ${token}: only ${tokens.webhook} can be listed`);
    }
    const { event } = revealed(query) as WebhookFilters;
    const webhooks = await findWebhooks(this.session, event === undefined ? {} : { event });
    return nameWebhooks(webhooks).map(({ id, name }) => ({ id, name }));
  }

  /** Makes a component: `comm100:index:WebhookSubscription`, the one this package has. */
  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    if (type !== tokens.webhookSubscription) {
      throw new Error(`unknown component type ${type}: use ${tokens.webhookSubscription}`);
    }
    return constructSubscription(name, inputs, options);
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

/** Whether `providerUrn` names a provider the program declares, not a default provider. */
function isDeclaredProvider(providerUrn: string): boolean {
  const name = parseUrn(providerUrn)?.name ?? "";
  return name !== "" && !/^default(_|$)/.test(name);
}

function typeOf(urn: string): string | undefined {
  return parseUrn(urn)?.types.pop();
}

function isGuard(urn: string): boolean {
  return typeOf(urn) === tokens.accountGuard;
}

function assertWebhook(urn: string): void {
  const type = typeOf(urn);
  if (type !== tokens.webhook) {
    throw new Error(
      `unknown resource type ${type}: use ${tokens.webhook} or ${tokens.accountGuard}`,
    );
  }
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
