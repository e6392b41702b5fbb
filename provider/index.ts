export {
  Comm100Webhook,
  type Comm100WebhookArgs,
  type Comm100WebhookLookup,
  type ConnectionInputs,
} from "./dynamic/webhook";
export {
  Comm100WebhookSubscription,
  type Comm100WebhookSubscriptionArgs,
} from "./dynamic/subscription";
export { Comm100AccountGuard, type Comm100AccountGuardArgs } from "./dynamic/accountGuard";
export type { AllowEntry, UnexpectedWebhook } from "./core/guard/allowedWebhooks";
export {
  getWebhook,
  getWebhookOutput,
  getWebhooks,
  getWebhooksOutput,
  type GetWebhookArgs,
  type GetWebhooksArgs,
} from "./dynamic/lookups";
export { webhookEvents, isWebhookEvent, type WebhookEvent } from "./core/webhook/events";
export type { ConnectionArgs } from "./core/settings/connection";
export type { Webhook } from "./core/webhook/webhookFields";
export { Comm100ApiError } from "./core/api/comm100ApiError";
