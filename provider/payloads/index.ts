/**
 * Typed bodies of the Comm100 webhook deliveries, for the code that receives them. Import from
 * `pulumi-comm100/payloads`: it loads neither the Pulumi SDK nor the provider.
 */
export {
  payloadEvents,
  undocumentedPayloadEvents,
  webhookEventOf,
  type PayloadEvent,
  type WebhookPayload,
  type WebhookPayloadOf,
} from "./definitions";
export { parseMicrosoftDate, toMicrosoftDate } from "./microsoftDate";
export type { Chat, CustomVariable, OfflineMessage, Visitor, Wrapup } from "./objects";
export { parseWebhookPayload, WebhookPayloadError } from "./parse";
export type { PayloadIssue } from "./schemas";
export { webhookEvents, isWebhookEvent, type WebhookEvent } from "../core/webhook/events";
