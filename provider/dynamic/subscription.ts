import * as pulumi from "@pulumi/pulumi";
import type { WebhookEvent } from "../core/webhook/events";
import { planSubscription } from "../core/webhook/subscriptionPlan";
import { subscriptionInput } from "./hiddenInputs";
import { Comm100Webhook, type Comm100WebhookArgs, type ConnectionInputs } from "./webhook";

/** The arguments of a {@link Comm100WebhookSubscription}. */
export interface Comm100WebhookSubscriptionArgs {
  /** The absolute http(s) URL every event is POSTed to. */
  targetUrl: pulumi.Input<string>;
  /**
   * The events to subscribe to, each once. A plain list (not an Output): each event is its own
   * webhook named `<name>-<event>`, so adding or removing one touches only that webhook.
   */
  events: WebhookEvent[];
  /** Connection settings for these webhooks only (see {@link Comm100WebhookArgs.connection}). */
  connection?: pulumi.Input<ConnectionInputs>;
  /**
   * Existing webhooks to bring under management, by event: the id each event's webhook adopts
   * instead of creating one (see {@link Comm100WebhookArgs.adoptId}).
   */
  adoptIds?: Partial<Record<WebhookEvent, pulumi.Input<string>>>;
  /**
   * Old names of the webhooks, by event: when a `Comm100Webhook` moves into this subscription,
   * its old URN here keeps the webhook (no create, no delete), e.g.
   * `{ chatStarts: ["urn:pulumi:dev::app::pulumi-nodejs:dynamic:Resource::hook"] }`.
   */
  webhookAliases?: Partial<Record<WebhookEvent, pulumi.Input<pulumi.URN | pulumi.Alias>[]>>;
}

/**
 * One endpoint subscribed to several events: one {@link Comm100Webhook} per event.
 *
 * ```ts
 * new Comm100WebhookSubscription("crm", { targetUrl: api.url, events: ["chatStarts", "chatEnds"] });
 * ```
 */
export class Comm100WebhookSubscription extends pulumi.ComponentResource {
  /** The webhook of each subscribed event. */
  readonly webhooks: Partial<Record<WebhookEvent, Comm100Webhook>>;
  /** The webhook id of each subscribed event. */
  readonly webhookIds: pulumi.Output<Partial<Record<WebhookEvent, string>>>;

  constructor(
    name: string,
    args: Comm100WebhookSubscriptionArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("comm100:index:WebhookSubscription", name, {}, opts);
    const planned = planSubscription({
      type: "Comm100WebhookSubscription",
      name,
      events: args?.events,
      keyedByEvent: { adoptIds: args?.adoptIds, webhookAliases: args?.webhookAliases },
    });
    this.webhooks = Object.fromEntries(
      planned.map(({ event, name: webhookName }) => [
        event,
        new Comm100Webhook(
          webhookName,
          {
            event,
            targetUrl: args.targetUrl,
            connection: args.connection,
            adoptId: args.adoptIds?.[event],
            // Not an argument of Comm100WebhookArgs: tells the provider whose fixes to give.
            [subscriptionInput]: name,
          } as Comm100WebhookArgs,
          { parent: this, aliases: args.webhookAliases?.[event] },
        ),
      ]),
    );
    this.webhookIds = pulumi.output(
      Object.fromEntries(planned.map(({ event }) => [event, this.webhooks[event]!.id])),
    );
    this.registerOutputs({ webhookIds: this.webhookIds });
  }
}
