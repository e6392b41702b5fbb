export {
  Comm100Webhook,
  type Comm100WebhookArgs,
  type Comm100WebhookLookup,
  type ConnectionInputs,
} from "./webhook";
export { Comm100WebhookSubscription, type Comm100WebhookSubscriptionArgs } from "./subscription";
export {
  getWebhook,
  getWebhookOutput,
  getWebhooks,
  getWebhooksOutput,
  type GetWebhookArgs,
  type GetWebhooksArgs,
} from "./lookups";
export { webhookEvents, isWebhookEvent, type WebhookEvent } from "./events";
export type { ConnectionArgs } from "./connection";
export type { Webhook } from "./client";
export { Comm100ApiError } from "./errors";
