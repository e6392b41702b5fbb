import { Comm100Webhook } from "pulumi-comm100";
import { Endpoint } from "./endpoint";

// The receiving side, deployed in the same program: its URL is unknown until it exists.
const crmEndpoint = new Endpoint("crm-endpoint", { baseUrl: "https://crm.example.com" });

const chatStarted = new Comm100Webhook("chat-started", {
  event: "chatStarts",
  targetUrl: crmEndpoint.url,
});

const chatEnded = new Comm100Webhook("chat-ended", {
  event: "chatEnds",
  targetUrl: "https://hooks.example.com/comm100/chat-ended",
});

const offlineMessage = new Comm100Webhook("offline-message", {
  event: "offlineMessageIsSubmitted",
  targetUrl: "https://hooks.example.com/comm100/offline-message",
});

export const endpointUrl = crmEndpoint.url;
export const webhookIds = {
  chatStarted: chatStarted.id,
  chatEnded: chatEnded.id,
  offlineMessage: offlineMessage.id,
};
