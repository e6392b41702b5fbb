import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook, Comm100WebhookSubscription } from "pulumi-comm100";

// Each webhook breaks one rule of the policy pack (policy/) with policy/config.example.json:
// `pulumi preview --policy-pack ...` fails, naming the webhook and the rule.
const token = "3f6b9d2e-8c41-4a7e-b5d0-91c2e7a4f813";

// comm100-https-only: chat transcripts in clear text.
new Comm100Webhook("plain-http", {
  event: "chatStarts",
  targetUrl: `http://hooks.example.com/comm100/${token}`,
});

// comm100-allowed-hosts: a host the config does not approve.
new Comm100Webhook("unapproved-host", {
  event: "chatEnds",
  targetUrl: `https://collector.example.net/comm100/${token}`,
});

// comm100-no-duplicate-webhooks: chatIsWrappedUp would reach the CRM twice, once from each
// site (hosts compare case-insensitively). Within one account the provider itself refuses a
// duplicate at preview; across accounts only the pack sees it. Preview needs
// `pulumi config set --secret otherSiteToken <any value>` and makes no API call.
new Comm100WebhookSubscription("crm", {
  targetUrl: `https://hooks.example.com/crm/${token}`,
  events: ["chatIsWrappedUp", "chatIsTransferred"],
});
new Comm100Webhook("crm-again", {
  event: "chatIsWrappedUp",
  targetUrl: `https://HOOKS.example.com/crm/${token}`,
  connection: {
    baseUrl: "https://api12.comm100.io/v4",
    accessToken: new pulumi.Config().requireSecret("otherSiteToken"),
  },
});

// comm100-unguessable-url (advisory): anyone who knows the URL can post fake chats to it.
new Comm100Webhook("guessable", {
  event: "offlineMessageIsSubmitted",
  targetUrl: "https://hooks.example.com/comm100/offline-messages",
});
