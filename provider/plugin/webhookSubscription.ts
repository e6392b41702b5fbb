// The narrow modules, not `@pulumi/pulumi`: its index pulls the closure serializer and npm's
// libraries into the bundle (16 MB instead of 3 MB).
import { output, type Input, type Inputs, type Output } from "@pulumi/pulumi/output";
import {
  ComponentResource,
  CustomResource,
  type ComponentResourceOptions,
  type CustomResourceOptions,
} from "@pulumi/pulumi/resource";
import type { ConstructResult } from "@pulumi/pulumi/provider";
import { version } from "../../package.json";
import { planSubscription } from "../core/webhook/subscriptionPlan";
import { pluginDownloadURL, tokens } from "./schema";

/** The inputs of `comm100:index:WebhookSubscription` as the engine hands them to construct. */
interface SubscriptionInputs {
  targetUrl: Input<string>;
  events: unknown;
  adoptIds?: Record<string, Input<string>>;
  webhookAliases?: Record<string, Input<string>[]>;
}

/** A `comm100:index:Webhook` registered from inside the plugin. */
class Webhook extends CustomResource {
  constructor(name: string, args: Inputs, opts: CustomResourceOptions) {
    super(tokens.webhook, name, args, opts);
  }
}

/**
 * `comm100:index:WebhookSubscription`: one endpoint subscribed to several events, made of one
 * `comm100:index:Webhook` per event named `<name>-<event>`. The webhooks are its children, so
 * they use the provider its `provider`/`providers` option names.
 */
class WebhookSubscription extends ComponentResource {
  /** The webhook id of each subscribed event. */
  readonly webhookIds: Output<Record<string, string>>;

  constructor(name: string, inputs: SubscriptionInputs, opts: ComponentResourceOptions) {
    super(tokens.webhookSubscription, name, {}, opts);
    const planned = planSubscription({
      type: tokens.webhookSubscription,
      name,
      events: inputs.events,
      keyedByEvent: { adoptIds: inputs.adoptIds, webhookAliases: inputs.webhookAliases },
    });
    const ids = planned.map(({ event, name: webhookName }) => {
      const webhook = new Webhook(
        webhookName,
        { event, targetUrl: inputs.targetUrl, adoptId: inputs.adoptIds?.[event] },
        {
          parent: this,
          aliases: inputs.webhookAliases?.[event],
          // A replacement (`pulumi up --replace`) made first would meet the webhook it replaces.
          deleteBeforeReplace: true,
          // As the generated SDKs register it: the engine's default provider is this plugin.
          version,
          pluginDownloadURL,
        },
      );
      return [event, webhook.id] as const;
    });
    this.webhookIds = output(Object.fromEntries(ids));
    this.registerOutputs({ webhookIds: this.webhookIds });
  }
}

/** Construct of `comm100:index:WebhookSubscription`: the component and its `webhookIds`. */
export async function constructSubscription(
  name: string,
  inputs: Inputs,
  options: ComponentResourceOptions,
): Promise<ConstructResult> {
  const subscription = new WebhookSubscription(name, inputs as SubscriptionInputs, options);
  return { urn: subscription.urn, state: { webhookIds: subscription.webhookIds } };
}
