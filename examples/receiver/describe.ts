import { parseMicrosoftDate, type Visitor, type WebhookPayload } from "pulumi-comm100/payloads";

/** One line saying what a webhook body reports, e.g. `chat_started: chat 3f2a… with Jane Doe`. */
export function describePayload(payload: WebhookPayload): string {
  return `${payload.event}: ${details(payload)}`;
}

function details(payload: WebhookPayload): string {
  switch (payload.event) {
    // Comm100 does not document these two bodies: every field may be missing.
    case "chat_requested":
      return `chat ${payload.visitor?.chat_id ?? "?"} requested by ${payload.visitor?.name ?? "?"}`;
    case "chat_transferred":
      return `chat ${payload.visitor?.chat_id ?? "?"} transferred (${payload.chat?.department ?? "?"})`;
    case "chat_started":
      return `chat ${payload.visitor.chat_id} with ${who(payload.visitor)}`;
    case "chat_ended": {
      const lines = payload.chat.chat_transcript.split("⊙").filter(Boolean).length;
      return `chat ${payload.visitor.chat_id} ended, ${lines} transcript lines`;
    }
    case "chat_wrapped_up": {
      const at = parseMicrosoftDate(payload.wrapup.time).toISOString();
      return `chat ${payload.chat_id} wrapped up as "${payload.wrapup.category}" at ${at}`;
    }
    case "offline_message_submitted":
      return `from ${who(payload.visitor)}: "${payload.offline_message.subject}"`;
    case "login":
    case "online":
    case "away":
    case "logout":
      return `agent ${payload.operator_id}`;
  }
}

function who(visitor: Visitor): string {
  return `${visitor.name} <${visitor.email}>`;
}
