import * as pulumi from "@pulumi/pulumi";
import { Comm100WebhookSubscription, type WebhookEvent } from "pulumi-comm100";

// Subscribes a receiver (examples/receiver/main.ts, or your own endpoint) to Comm100 events:
// one webhook per event, all POSTing to `receiverUrl`. By default the events of a whole chat,
// which `npm run trigger -- chat` fires against the local Comm100-compatible server.
const config = new pulumi.Config();
const receiverUrl = config.require("receiverUrl");
const events = (
  config.get("events") ?? "chatIsRequested,chatStarts,chatIsTransferred,chatEnds,chatIsWrappedUp"
).split(",");

const subscription = new Comm100WebhookSubscription("receiver", {
  targetUrl: receiverUrl,
  events: events as WebhookEvent[],
});

export const webhookIds = subscription.webhookIds;
