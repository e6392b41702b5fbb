import * as pulumi from "@pulumi/pulumi";
import { Comm100AccountGuard, Comm100Webhook } from "pulumi-comm100";

const config = new pulumi.Config();

const chatStarted = new Comm100Webhook("chat-started", {
  event: "chatStarts",
  targetUrl: "https://crm.example.com/comm100/chat-started",
});
const chatEnded = new Comm100Webhook("chat-ended", {
  event: "chatEnds",
  targetUrl: "https://crm.example.com/comm100/chat-ended",
});

// The account may hold these two, plus what the analytics team manages from its own stack.
// Anything else is drift: `pulumi preview --refresh` names it, `pulumi up` fails on it, and with
// `pulumi config set removeUnexpected true` the next `up` deletes it.
const guard = new Comm100AccountGuard("account", {
  webhookIds: [chatStarted.id, chatEnded.id],
  allow: [{ targetHost: "*.analytics.example.com" }],
  removeUnexpected: config.getBoolean("removeUnexpected") ?? false,
});

export const unexpected = guard.unexpected;
