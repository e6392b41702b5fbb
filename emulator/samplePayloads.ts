import { randomUUID } from "node:crypto";
import type { WebhookEvent } from "../provider/core/webhook/events";
import {
  payloadEvents,
  toMicrosoftDate,
  type Visitor,
  type WebhookPayloadOf,
} from "../provider/payloads";

/** What stays the same across the bodies of one simulated chat. */
export interface Conversation {
  /** Which conversation this is (0, 1, …): picks the sample visitor and agent status. */
  n: number;
  chatId: string;
  visitor: Visitor;
  /** The agent whose status changes (a GUID, as since Comm100's X2 upgrade). */
  operatorId: string;
  startedAt: Date;
}

const visitors = [
  { name: "Jane Doe", email: "jane.doe@example.com", city: "Toronto", state: "Ontario" },
  { name: "Ravi Patel", email: "ravi.patel@example.com", city: "Vancouver", state: "BC" },
  { name: "Ana Souza", email: "ana.souza@example.com", city: "Montreal", state: "Quebec" },
] as const;
const minute = 60_000;

/**
 * A new chat with its own ids, started 12 minutes before `now` (so that its wrap-up, 10 minutes
 * in, is in the past); the `n`th conversation gets the `n`th sample visitor.
 */
export function newConversation(n: number, now: Date = new Date()): Conversation {
  const person = visitors[n % visitors.length];
  const chatId = randomUUID();
  const startedAt = new Date(now.getTime() - 12 * minute);
  return {
    n,
    chatId,
    operatorId: randomUUID(),
    startedAt,
    visitor: {
      id: randomUUID(),
      chat_id: chatId,
      name: person.name,
      email: person.email,
      phone: "",
      company: "Example Corp",
      status: 2,
      chats: 1 + n,
      visits: 3 + n,
      page_views: 5,
      browser: "Google Chrome 126.0.6478.127",
      operating_system: "Windows 11",
      screen_resolution: "1920x1080",
      language: "en-US",
      ip: "203.0.113.24",
      city: person.city,
      state: person.state,
      country: "Canada",
      time_zone: "GMT -05:00",
      current_browsing: "https://www.example.com/pricing",
      landing_page: "https://www.example.com/",
      referrer_url: "https://www.google.com/",
      search_engine: "Google",
      keywords: "live chat pricing",
      flash_version: "",
      product_service: "",
      department: "c47c5e3a-0a3b-4aa5-98ea-cec0ae5ab7b9",
      skill: "3d68dc80-9c67-455b-abfe-1b7ac55fac98",
      custom_fields: [],
      custom_variables: [{ name: "Plan", value: "Trial" }],
      first_visit_time: toMicrosoftDate(new Date(startedAt.getTime() - 30 * 24 * 60 * minute)),
      visit_time: toMicrosoftDate(new Date(startedAt.getTime() - 3 * minute)),
    },
  };
}

type SampleBuilders = {
  [E in WebhookEvent]: (conversation: Conversation) => WebhookPayloadOf<E>;
};

/** A realistic body for each webhook event, shaped like Comm100's published examples. */
const builders: SampleBuilders = {
  offlineMessageIsSubmitted: ({ visitor, startedAt }) => ({
    event: "offline_message_submitted",
    offline_message: {
      id: visitor.chat_id,
      name: visitor.name,
      email: visitor.email,
      phone: "",
      company: visitor.company,
      subject: "Question about pricing",
      content: "Hi, do you offer a discount for annual plans? Please email me.",
      attachment: { name: "", uri: "" },
      department: visitor.department,
      skill: visitor.skill,
      custom_fields: [],
      custom_variable: visitor.custom_variables,
      time: toMicrosoftDate(startedAt),
    },
    visitor: { ...visitor, status: 10 },
  }),
  chatStarts: ({ visitor }) => ({ event: "chat_started", visitor }),
  chatEnds: ({ visitor }) => ({
    event: "chat_ended",
    visitor: { ...visitor, status: 9 },
    chat: {
      chat_transcript: transcript(visitor.name, "ended"),
      attachment: [],
      company: visitor.company,
      department: "Sales",
      custom_fields: [],
      custom_variable: visitor.custom_variables,
    },
  }),
  chatIsWrappedUp: ({ chatId, visitor, startedAt }) => ({
    chat_id: chatId,
    event: "chat_wrapped_up",
    visitor,
    wrapup: {
      category: "Sales",
      comment: "Asked about annual pricing; sent the price list.",
      fields: [],
      time: toMicrosoftDate(new Date(startedAt.getTime() + 10 * minute)),
    },
  }),
  agentStatusChanges: ({ operatorId, n }) => ({
    event: payloadEvents.agentStatusChanges[n % payloadEvents.agentStatusChanges.length],
    operator_id: operatorId,
  }),
  // Comm100 does not publish these two bodies: this shape is an assumption.
  chatIsRequested: ({ visitor }) => ({ event: "chat_requested", visitor }),
  chatIsTransferred: ({ visitor }) => ({
    event: "chat_transferred",
    visitor,
    chat: { chat_transcript: transcript(visitor.name, "transferred"), department: "Sales" },
  }),
};

/**
 * The body Comm100 would POST for `event` in `conversation`. `agentStatusChanges` cycles
 * through login, online, away and logout from one conversation to the next.
 */
export function samplePayload<E extends WebhookEvent>(
  event: E,
  conversation: Conversation,
): WebhookPayloadOf<E> {
  return builders[event](conversation);
}

/** The chat so far, lines separated by `⊙` as Comm100 sends them. */
function transcript(visitorName: string, until: "transferred" | "ended"): string {
  const lines = [
    "Agent Sam has joined the chat.",
    `[10:02:03] Sam: Hi ${visitorName}, thank you for contacting us! How may I help you?`,
    `[10:02:41] ${visitorName}: Do you offer a discount for annual plans?`,
    "The chat is transferred to agent Alex.",
  ];
  if (until === "ended") {
    lines.push("[10:04:10] Alex: Yes, 20% off. I have emailed you the price list.");
    lines.push("The chat is ended.(10:06:55)");
  }
  return [...lines, ""].join("⊙");
}
