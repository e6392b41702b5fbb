import type { WebhookEvent } from "./events";
import { eventProblem } from "./validation";

/** A webhook subscription as a door read it from the user's program. */
export interface SubscriptionRequest {
  /**
   * The resource's type as the user wrote it, for messages: `Comm100WebhookSubscription` (the
   * dynamic door), `comm100:index:WebhookSubscription` (the plugin).
   */
  type: string;
  /** The subscription's resource name. */
  name: string;
  /** The events to subscribe to, as given (checked here). */
  events: unknown;
  /** The arguments keyed by event, by their names in the user's program, e.g. `{ adoptIds }`. */
  keyedByEvent: Record<string, object | undefined>;
}

/** One webhook of a subscription: its event and its resource name, `<name>-<event>`. */
export interface PlannedWebhook {
  event: WebhookEvent;
  name: string;
}

/**
 * The webhooks a subscription is made of, one per event, in the order the events are listed.
 * Throws, naming the argument and the fix in the user's terms, when the events are not a
 * non-empty list of distinct events or an argument keyed by event names another key.
 */
export function planSubscription(request: SubscriptionRequest): PlannedWebhook[] {
  const where = `${request.type} "${request.name}"`;
  const events = validEvents(where, request.events);
  for (const [argument, value] of Object.entries(request.keyedByEvent)) {
    checkKeyedByEvent(where, argument, value, events);
  }
  return events.map((event) => ({ event, name: `${request.name}-${event}` }));
}

function validEvents(where: string, events: unknown): WebhookEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(
      `${where}: events must be a non-empty list of events, e.g. ["chatStarts", "chatEnds"]`,
    );
  }
  const seen = new Set<string>();
  for (const event of events) {
    const problem = eventProblem(event);
    if (problem) throw new Error(`${where}: events: ${problem}`);
    if (seen.has(event)) {
      throw new Error(`${where}: events lists "${event}" twice: list each event once`);
    }
    seen.add(event);
  }
  return events as WebhookEvent[];
}

function checkKeyedByEvent(
  where: string,
  argument: string,
  value: object | undefined,
  events: WebhookEvent[],
): void {
  for (const key of Object.keys(value ?? {})) {
    if (!(events as string[]).includes(key)) {
      throw new Error(
        `${where}: ${argument} names "${key}", which is not one of its events ` +
          `(${events.join(", ")}): key ${argument} by the subscribed events`,
      );
    }
  }
}
