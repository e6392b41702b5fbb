import { z } from "zod";
import type { WebhookEvent } from "../core/webhook/events";
import { payloadEvents, type WebhookPayload, type WebhookPayloadOf } from "./definitions";
import { microsoftDatePattern } from "./microsoftDate";
import type { Chat, CustomVariable, OfflineMessage, Visitor, Wrapup } from "./objects";

// The run-time check of the types in `objects.ts` and `definitions.ts`. Nothing here is
// exported with a zod type, so that the package's declarations never load zod's: they fail to
// compile without `esModuleInterop`, the default of `pulumi new typescript`.

/** One problem with a webhook body: the field (e.g. `visitor.chat_id`) and what is wrong. */
export interface PayloadIssue {
  /** Dotted path of the field, with `[i]` for array items; `(body)` for the body itself. */
  path: string;
  message: string;
}

/** The path `PayloadIssue` gives the body itself. */
export const bodyPath = "(body)";

/** Whether `A` and `B` are the same type (not merely assignable one to the other). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Returns the schema it is given, and compiles only when that schema parses to exactly `T`: a
 * field missing from either, or typed differently, is a compile error here.
 */
function exactly<T>() {
  return <S extends z.ZodType>(
    schema: S & (Same<z.output<S>, T> extends true ? unknown : "does not parse to exactly T"),
  ): S => schema;
}

const microsoftDate = z
  .string()
  .regex(microsoftDatePattern, "expected a Microsoft JSON date such as /Date(1584415749307)/");

const department = z.union([z.string(), z.number()], {
  error: "expected a string (GUID) or a number",
});

const customVariable = exactly<CustomVariable>()(
  z.looseObject({ name: z.string(), value: z.string() }),
);

const visitor = exactly<Visitor>()(
  z.looseObject({
    id: z.string(),
    chat_id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    company: z.string(),
    status: z.number(),
    chats: z.number(),
    visits: z.number(),
    page_views: z.number(),
    browser: z.string(),
    operating_system: z.string(),
    screen_resolution: z.string(),
    language: z.string(),
    ip: z.string(),
    city: z.string(),
    state: z.string(),
    country: z.string(),
    time_zone: z.string(),
    current_browsing: z.string(),
    landing_page: z.string(),
    referrer_url: z.string(),
    search_engine: z.string().nullable(),
    keywords: z.string(),
    flash_version: z.string(),
    product_service: z.string(),
    department,
    skill: z.string().optional(),
    custom_fields: z.array(z.unknown()),
    custom_variables: z.array(customVariable),
    first_visit_time: microsoftDate,
    visit_time: microsoftDate,
  }),
);

const chat = exactly<Chat>()(
  z.looseObject({
    chat_transcript: z.string(),
    attachment: z.array(z.unknown()),
    company: z.string(),
    department: z.string(),
    custom_fields: z.array(z.unknown()),
    custom_variable: z.array(customVariable),
  }),
);

const offlineMessage = exactly<OfflineMessage>()(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    company: z.string(),
    subject: z.string(),
    content: z.string(),
    attachment: z.looseObject({ name: z.string(), uri: z.string() }),
    department,
    skill: z.string().optional(),
    custom_fields: z.array(z.unknown()),
    custom_variable: z.array(customVariable),
    time: microsoftDate,
  }),
);

const wrapup = exactly<Wrapup>()(
  z.looseObject({
    category: z.string(),
    comment: z.string(),
    fields: z.array(z.unknown()),
    time: microsoftDate,
  }),
);

const operatorId = z.union([z.string(), z.number().int()], {
  error: "expected a string (GUID) or an integer",
});

/** The schema of the bodies of webhook event `E`: its `event` values plus `shape`. */
function body<E extends WebhookEvent, Shape extends z.ZodRawShape>(event: E, shape: Shape) {
  return z.looseObject({ event: z.enum(payloadEvents[event]), ...shape });
}

/**
 * Returns the schemas it is given, one per webhook event, and compiles only when each parses to
 * exactly `WebhookPayloadOf` its event.
 */
function eachExactly<S extends { [E in WebhookEvent]: z.ZodType<WebhookPayloadOf<E>> }>(
  schemas: S & {
    [E in WebhookEvent]: Same<z.output<S[E]>, WebhookPayloadOf<E>> extends true
      ? unknown
      : "does not parse to exactly WebhookPayloadOf<E>";
  },
): S {
  return schemas;
}

const payloadSchemas = eachExactly({
  offlineMessageIsSubmitted: body("offlineMessageIsSubmitted", {
    offline_message: offlineMessage,
    visitor,
  }),
  chatStarts: body("chatStarts", { visitor }),
  chatEnds: body("chatEnds", { visitor, chat }),
  chatIsWrappedUp: body("chatIsWrappedUp", { chat_id: z.string(), visitor, wrapup }),
  agentStatusChanges: body("agentStatusChanges", { operator_id: operatorId }),
  chatIsRequested: body("chatIsRequested", { visitor: visitor.partial().optional() }),
  chatIsTransferred: body("chatIsTransferred", {
    visitor: visitor.partial().optional(),
    chat: chat.partial().optional(),
  }),
});

/**
 * Checks `value` against the body of webhook event `event`: the body typed, or every problem
 * with it (at least one).
 */
export function checkPayload(
  event: WebhookEvent,
  value: object,
): { payload: WebhookPayload } | { issues: [PayloadIssue, ...PayloadIssue[]] } {
  const parsed = payloadSchemas[event].safeParse(value);
  if (parsed.success) return { payload: parsed.data };
  const [first, ...rest] = parsed.error.issues.map(toPayloadIssue);
  return { issues: [first, ...rest] };
}

function toPayloadIssue(issue: z.core.$ZodIssue): PayloadIssue {
  const path = issue.path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`,
    )
    .join("");
  return { path: path || bodyPath, message: issue.message.replace(/^Invalid input: /, "") };
}
