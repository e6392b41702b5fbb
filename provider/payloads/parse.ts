import type { z } from "zod";
import { isWebhookEvent } from "../events";
import { payloadEvents, payloadSchemas, type WebhookPayload, webhookEventOf } from "./definitions";

/** One problem with a webhook body: the field (e.g. `visitor.chat_id`) and what is wrong. */
export interface PayloadIssue {
  /** Dotted path of the field, with `[i]` for array items; `(body)` for the body itself. */
  path: string;
  message: string;
}

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
const bodyPath = "(body)";
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
  const parsed = payloadSchemas[webhookEvent].safeParse(value);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.map(toPayloadIssue);
    throw new WebhookPayloadError([first, ...rest]);
  }
  return parsed.data;
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

function toPayloadIssue(issue: z.core.$ZodIssue): PayloadIssue {
  const path = issue.path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`,
    )
    .join("");
  return { path: path || bodyPath, message: issue.message.replace(/^Invalid input: /, "") };
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
