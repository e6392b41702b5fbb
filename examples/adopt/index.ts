import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";

// Brings a webhook that was created by hand (in the Control Panel or with the API) under
// management without recreating it: its id is set once with
//   pulumi config set existingWebhookId 69FAB2B6-1189-4B96-BD06-1CBDADBC1164
// `pulumi up` then reads that webhook and updates it to the values below; its id stays.
const config = new pulumi.Config();

const chatEnds = new Comm100Webhook("chat-ends", {
  event: "chatEnds",
  targetUrl: "https://analytics.example.com/comm100/chat-ends",
  adoptId: config.require("existingWebhookId"),
});

export const webhookId = chatEnds.id;
