import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook, Comm100WebhookSubscription } from "pulumi-comm100";

// Webhooks the policy pack (policy/) lets through with policy/config.example.json: https, an
// approved host, each event once per target, and a secret segment in every URL. The secret
// comes from stack config (`pulumi config set --secret receiverToken $(uuidgen)`), so it is
// kept out of the program and stored encrypted.
const config = new pulumi.Config();
const token = config.requireSecret("receiverToken");

const crm = new Comm100WebhookSubscription("crm", {
  targetUrl: pulumi.interpolate`https://hooks.example.com/comm100/${token}`,
  events: ["chatStarts", "chatEnds", "chatIsWrappedUp"],
});

// Another approved host (*.example.org), the secret as a query value.
const offline = new Comm100Webhook("offline-messages", {
  event: "offlineMessageIsSubmitted",
  targetUrl: pulumi.interpolate`https://helpdesk.eu.example.org/comm100/offline?key=${token}`,
});

export const webhookIds = crm.webhookIds;
export const offlineWebhookId = offline.id;
