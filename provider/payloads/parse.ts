import { isWebhookEvent } from "../core/webhook/events";
import { payloadEvents, type WebhookPayload, webhookEventOf } from "./definitions";
import { bodyPath, checkPayload, type PayloadIssue } from "./schemas";

/** Thrown by {@link parseWebhookPayload}; `issues` name every bad field. */
export class WebhookPayloadError extends Error {
  /** The first bad field, e.g. `visitor.chat_id`. */
  readonly path: string;

  constructor(readonly issues: readonly [PayloadIssue, ...PayloadIssue[]]) {
    const shown = issues.slice(0, maxIssuesInMessage).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length - shown.length;
    super(
      `Not a valid Comm100 webhook body: ${shown.join("; ")}` +
        (more > 0 ? `; and ${more} more problem(s)` : ""),
    );
    this.name = "WebhookPayloadError";
    this.path = issues[0].path;
  }
}

const maxIssuesInMessage = 5;
const knownPayloadEvents = Object.values(payloadEvents).flat();

/**
 * Validates an untrusted webhook body (the parsed JSON, or its raw text) and returns it typed;
 * narrow it with `switch (payload.event)`. Fields Comm100 adds are kept. Throws a
 * {@link WebhookPayloadError} naming each bad field, e.g. `visitor.chat_id`.
 */
export function parseWebhookPayload(body: unknown): WebhookPayload {
  const value = typeof body === "string" ? parseJson(body) : body;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(bodyPath, `expected a JSON object, received ${describeType(value)}`);
  }
  const { event } = value as { event?: unknown };
  const webhookEvent = typeof event === "string" ? webhookEventOf(event) : undefined;
  if (webhookEvent === undefined) {
    fail("event", `expected one of ${knownPayloadEvents.join(", ")}; ${describeEvent(event)}`);
  }
  const checked = checkPayload(webhookEvent, value);
  if ("issues" in checked) throw new WebhookPayloadError(checked.issues);
  return checked.payload;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(bodyPath, "is not valid JSON");
  }
}

function fail(path: string, message: string): never {
  throw new WebhookPayloadError([{ path, message }]);
}

function describeEvent(event: unknown): string {
  if (event === undefined) return "it is missing";
  const received = `received ${JSON.stringify(event)}`;
  if (!isWebhookEvent(event)) return received;
  return `${received} (the API's name of the event; its bodies carry ${payloadEvents[event].join(" or ")})`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}
