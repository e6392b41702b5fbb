import * as pulumi from "@pulumi/pulumi";
import type { WebhookEvent } from "./events";
import { eventProblem } from "./validation";
import { Comm100Webhook, type ConnectionInputs } from "./webhook";

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
    const events = validEvents(name, args?.events);
    this.webhooks = Object.fromEntries(
      events.map((event) => [
        event,
        new Comm100Webhook(
          `${name}-${event}`,
          { event, targetUrl: args.targetUrl, connection: args.connection },
          { parent: this },
        ),
      ]),
    );
    this.webhookIds = pulumi.output(
      Object.fromEntries(events.map((event) => [event, this.webhooks[event]!.id])),
    );
    this.registerOutputs({ webhookIds: this.webhookIds });
  }
}

function validEvents(name: string, events: unknown): WebhookEvent[] {
  const where = `Comm100WebhookSubscription "${name}": events`;
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(`${where} must be a non-empty list of events, e.g. ["chatStarts", "chatEnds"]`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    const problem = eventProblem(event);
    if (problem) throw new Error(`${where}: ${problem}`);
    if (seen.has(event)) throw new Error(`${where} lists "${event}" twice: list each event once`);
    seen.add(event);
  }
  return events as WebhookEvent[];
}
