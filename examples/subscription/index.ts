import * as pulumi from "@pulumi/pulumi";
import { Comm100WebhookSubscription, type WebhookEvent } from "pulumi-comm100";

// One endpoint subscribed to several events: one webhook per event, each named
// "crm-<event>", so adding or removing an event creates or deletes only that webhook.
const config = new pulumi.Config();
const targetUrl = config.get("targetUrl") ?? "https://crm.example.com/comm100/events";
const events = (config.get("events") ?? "chatStarts,chatEnds,chatIsWrappedUp").split(",");

const subscription = new Comm100WebhookSubscription("crm", {
  targetUrl,
  events: events as WebhookEvent[],
});

export const webhookIds = subscription.webhookIds;
