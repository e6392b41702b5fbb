import { z } from "zod";
import { type WebhookEvent, webhookEvents } from "../events";
import { chat, offlineMessage, operatorId, visitor, wrapup } from "./objects";

/** An open body schema: `event` is one of `payloadEvents`; fields Comm100 adds are kept. */
function body<const Events extends readonly [string, ...string[]], Shape extends z.ZodRawShape>(
  payloadEvents: Events,
  shape: Shape,
) {
  return z.looseObject({ event: z.enum(payloadEvents), ...shape });
}

/**
 * The one definition of what Comm100 POSTs for each webhook event: the body's `event` values
 * (snake_case, unlike the API's camelCase event names) and its other top-level fields.
 * Everything else about payloads is derived from it.
 */
export const payloadSchemas = {
  offlineMessageIsSubmitted: body(["offline_message_submitted"], {
    offline_message: offlineMessage,
    visitor,
  }),
  chatStarts: body(["chat_started"], { visitor }),
  chatEnds: body(["chat_ended"], { visitor, chat }),
  chatIsWrappedUp: body(["chat_wrapped_up"], { chat_id: z.string(), visitor, wrapup }),
  agentStatusChanges: body(["login", "online", "away", "logout"], { operator_id: operatorId }),
  // Undocumented by Comm100: the `event` value is assumed by analogy with `chat_started`, and
  // every other field is optional, so that whatever Comm100 really sends is accepted.
  chatIsRequested: body(["chat_requested"], { visitor: visitor.partial().optional() }),
  chatIsTransferred: body(["chat_transferred"], {
    visitor: visitor.partial().optional(),
    chat: chat.partial().optional(),
  }),
} as const satisfies Record<WebhookEvent, z.ZodObject>;

/**
 * The webhook events whose body Comm100 does not publish (`chatIsRequested`,
 * `chatIsTransferred`): their types are assumptions and deliberately open.
 */
export const undocumentedPayloadEvents = [
  "chatIsRequested",
  "chatIsTransferred",
] as const satisfies readonly WebhookEvent[];

/** The body Comm100 POSTs for the webhook event `E`, e.g. `WebhookPayloadOf<"chatEnds">`. */
export type WebhookPayloadOf<E extends WebhookEvent> = z.infer<(typeof payloadSchemas)[E]>;

/**
 * Any body Comm100 POSTs to a webhook's `targetUrl`: a union discriminated by `event`
 * (`switch (payload.event)` narrows it). Objects are open: unknown extra fields are kept.
 */
export type WebhookPayload = { [E in WebhookEvent]: WebhookPayloadOf<E> }[WebhookEvent];

/** A body's `event` value, e.g. `"chat_started"` or, for `agentStatusChanges`, `"login"`. */
export type PayloadEvent = WebhookPayload["event"];

/** The body `event` values each webhook event sends, e.g. `chatStarts` → `["chat_started"]`. */
export const payloadEvents = Object.fromEntries<readonly PayloadEvent[]>(
  webhookEvents.map((event) => [event, payloadSchemas[event].shape.event.options]),
) as { readonly [E in WebhookEvent]: readonly WebhookPayloadOf<E>["event"][] };

const webhookEventByPayloadEvent = new Map<string, WebhookEvent>(
  Object.entries(payloadEvents).flatMap(([event, values]) =>
    values.map((value) => [value, event as WebhookEvent] as const),
  ),
);

/**
 * The webhook event a body belongs to, e.g. `"agentStatusChanges"` for `{event: "away"}`;
 * `undefined` for a value no webhook event sends.
 */
export function webhookEventOf(payloadEvent: string): WebhookEvent | undefined {
  return webhookEventByPayloadEvent.get(payloadEvent);
}
