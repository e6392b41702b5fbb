import type { WebhookEvent } from "../core/webhook/events";
import type { Chat, OfflineMessage, OperatorId, Visitor, Wrapup } from "./objects";

/**
 * The body `event` values each webhook event sends (snake_case, unlike the API's camelCase
 * event names), e.g. `chatStarts` → `["chat_started"]`.
 */
export const payloadEvents = {
  offlineMessageIsSubmitted: ["offline_message_submitted"],
  chatStarts: ["chat_started"],
  chatEnds: ["chat_ended"],
  chatIsWrappedUp: ["chat_wrapped_up"],
  agentStatusChanges: ["login", "online", "away", "logout"],
  // Undocumented by Comm100: assumed by analogy with `chat_started`.
  chatIsRequested: ["chat_requested"],
  chatIsTransferred: ["chat_transferred"],
} as const satisfies Record<WebhookEvent, readonly [string, ...string[]]>;

/**
 * The webhook events whose body Comm100 does not publish (`chatIsRequested`,
 * `chatIsTransferred`): their types are assumptions and deliberately open.
 */
export const undocumentedPayloadEvents = [
  "chatIsRequested",
  "chatIsTransferred",
] as const satisfies readonly WebhookEvent[];

/** What every body of the webhook event `E` has: its `event` value, and any field Comm100 adds. */
interface Body<E extends WebhookEvent> {
  event: (typeof payloadEvents)[E][number];
  [field: string]: unknown;
}

interface OfflineMessageIsSubmittedBody extends Body<"offlineMessageIsSubmitted"> {
  offline_message: OfflineMessage;
  visitor: Visitor;
}

interface ChatStartsBody extends Body<"chatStarts"> {
  visitor: Visitor;
}

interface ChatEndsBody extends Body<"chatEnds"> {
  visitor: Visitor;
  chat: Chat;
}

interface ChatIsWrappedUpBody extends Body<"chatIsWrappedUp"> {
  chat_id: string;
  visitor: Visitor;
  wrapup: Wrapup;
}

interface AgentStatusChangesBody extends Body<"agentStatusChanges"> {
  operator_id: OperatorId;
}

// Undocumented by Comm100: every field is optional, so that whatever Comm100 sends is accepted.
interface ChatIsRequestedBody extends Body<"chatIsRequested"> {
  visitor?: Partial<Visitor>;
}

interface ChatIsTransferredBody extends Body<"chatIsTransferred"> {
  visitor?: Partial<Visitor>;
  chat?: Partial<Chat>;
}

/**
 * The one definition of what Comm100 POSTs for each webhook event: the body's `event` values
 * (`payloadEvents`) and its other top-level fields. Everything else about payloads derives from
 * it; `schemas.ts` checks it at run time.
 */
interface WebhookPayloads {
  offlineMessageIsSubmitted: OfflineMessageIsSubmittedBody;
  chatStarts: ChatStartsBody;
  chatEnds: ChatEndsBody;
  chatIsWrappedUp: ChatIsWrappedUpBody;
  agentStatusChanges: AgentStatusChangesBody;
  chatIsRequested: ChatIsRequestedBody;
  chatIsTransferred: ChatIsTransferredBody;
}

/** The body Comm100 POSTs for the webhook event `E`, e.g. `WebhookPayloadOf<"chatEnds">`. */
export type WebhookPayloadOf<E extends WebhookEvent> = WebhookPayloads[E];

/**
 * Any body Comm100 POSTs to a webhook's `targetUrl`: a union discriminated by `event`
 * (`switch (payload.event)` narrows it). Objects are open: unknown extra fields are kept.
 */
export type WebhookPayload = WebhookPayloads[WebhookEvent];

/** A body's `event` value, e.g. `"chat_started"` or, for `agentStatusChanges`, `"login"`. */
export type PayloadEvent = WebhookPayload["event"];

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
