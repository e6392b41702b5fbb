import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseMicrosoftDate,
  parseWebhookPayload,
  payloadEvents,
  toMicrosoftDate,
  type WebhookPayload,
  WebhookPayloadError,
  webhookEventOf,
  webhookEvents,
} from "../../provider/payloads";
import { repoRoot } from "../../pulumiProject/paths";

// Bodies shaped like the examples on Comm100's "Reference for Webhook event" pages.
const visitor = {
  browser: "Google Chrome 80.0.3987.132",
  chat_id: "16c2cc3a-1b15-4b4f-9298-1cd04d6cec15",
  chats: 8,
  city: "Toronto",
  company: "",
  country: "Canada",
  current_browsing: "https://www.example.com/pricing",
  custom_fields: [],
  custom_variables: [{ name: "Name", value: "" }],
  department: "c47c5e3a-0a3b-4aa5-98ea-cec0ae5ab7b9",
  skill: "3d68dc80-9c67-455b-abfe-1b7ac55fac98",
  email: "test@email.com",
  first_visit_time: "/Date(1580361387156)/",
  flash_version: "",
  id: "e2bafca0-efe5-45a7-96ae-a7e3b8d7c410",
  ip: "196.247.57.19",
  keywords: "",
  landing_page: "https://www.example.com/",
  language: "en-US",
  name: "testName",
  operating_system: "Windows 10",
  page_views: 1,
  phone: "",
  product_service: "",
  referrer_url: "https://www.google.com/",
  screen_resolution: "1536x864",
  search_engine: "",
  state: "Ontario",
  status: 2,
  time_zone: "GMT -08:00",
  visit_time: "/Date(1584415749307)/",
  visits: 7,
};
/** A visitor from an account older than GUID departments and skills. */
const olderVisitor = { ...visitor, department: 1165, search_engine: null, skill: undefined };
const customVariable = [{ name: "Name", value: "" }];

const documentedBodies = {
  chatStarts: { event: "chat_started", visitor },
  chatEnds: {
    event: "chat_ended",
    visitor: { ...visitor, status: 9 },
    chat: {
      attachment: [],
      chat_transcript: "Agent Walid has joined the chat.⊙[03:30:01] Walid: Hi!⊙The chat is ended.⊙",
      company: "",
      custom_fields: [],
      custom_variable: customVariable,
      department: "Support",
    },
  },
  chatIsWrappedUp: {
    chat_id: "db120346-2fa5-4957-a62b-e6765ab2691b",
    event: "chat_wrapped_up",
    visitor: { ...olderVisitor, chat_id: "db120346-2fa5-4957-a62b-e6765ab2691b" },
    wrapup: {
      category: "Support",
      comment: "this is agent wrap up comment",
      fields: [],
      time: "/Date(1584422324807)/",
    },
  },
  offlineMessageIsSubmitted: {
    event: "offline_message_submitted",
    offline_message: {
      attachment: { name: "", uri: "" },
      company: "",
      content: "This is an offline message.",
      custom_fields: [],
      custom_variable: customVariable,
      department: "c47c5e3a-0a3b-4aa5-98ea-cec0ae5ab7b9",
      skill: "3d68dc80-9c67-455b-abfe-1b7ac55fac98",
      email: "test@email.com",
      id: "58f738e3-86e5-4ce2-92da-f65ecc0d5318",
      name: "TestName",
      phone: "",
      subject: "",
      time: "/Date(1584423203253)/",
    },
    visitor: { ...visitor, status: 10 },
  },
  agentStatusChanges: { event: "online", operator_id: "01000000-0000-0000-0000-0100000192b0" },
};

/** The message of the error `body` is rejected with. */
function rejection(body: unknown): WebhookPayloadError {
  try {
    parseWebhookPayload(body);
  } catch (error) {
    if (error instanceof WebhookPayloadError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(body)}`);
}

describe("parseWebhookPayload accepts what Comm100 documents", () => {
  it.each(Object.entries(documentedBodies))("a %s body, returned unchanged", (_event, body) => {
    expect(parseWebhookPayload(body)).toEqual(body);
  });

  it("the raw JSON text of a body", () => {
    expect(parseWebhookPayload(JSON.stringify(documentedBodies.chatEnds))).toEqual(
      documentedBodies.chatEnds,
    );
  });

  it("every agent status, with a GUID or (before the X2 upgrade) an integer operator_id", () => {
    for (const event of ["online", "away", "login", "logout"]) {
      expect(parseWebhookPayload({ event, operator_id: 1 })).toEqual({ event, operator_id: 1 });
      const guid = { event, operator_id: "01000000-0000-0000-0000-0100000192b0" };
      expect(parseWebhookPayload(guid)).toEqual(guid);
    }
  });

  it("older accounts: a numeric department, no skill, a null search_engine", () => {
    const body = { event: "chat_started", visitor: { ...olderVisitor } };
    delete body.visitor.skill;
    expect(parseWebhookPayload(body)).toEqual(body);
  });

  it("keeps fields Comm100 adds, at the top and inside every object", () => {
    const body = {
      ...documentedBodies.chatEnds,
      site_id: 10000,
      visitor: { ...documentedBodies.chatEnds.visitor, segment: "VIP" },
      chat: { ...documentedBodies.chatEnds.chat, rating: { grade: 5 } },
    };
    expect(parseWebhookPayload(body)).toEqual(body);
  });

  it("the two undocumented events (chatIsRequested, chatIsTransferred) with any fields", () => {
    for (const body of [
      { event: "chat_requested" },
      { event: "chat_requested", visitor: { name: "Jane" }, queue: 3 },
      { event: "chat_transferred", visitor, chat: { department: "Sales" }, to_agent: "Alex" },
    ]) {
      expect(parseWebhookPayload(body)).toEqual(body);
    }
  });

  it("narrows by event, so a receiver reads each body's own fields", () => {
    const payload: WebhookPayload = parseWebhookPayload(documentedBodies.chatIsWrappedUp);
    if (payload.event !== "chat_wrapped_up") throw new Error(payload.event);
    expect(parseMicrosoftDate(payload.wrapup.time).toISOString()).toBe("2020-03-17T05:18:44.807Z");
    expect(payload.visitor.department).toBe(1165);
  });
});

describe("parseWebhookPayload rejects a malformed body, naming the field", () => {
  const { chatStarts, chatEnds, chatIsWrappedUp, offlineMessageIsSubmitted } = documentedBodies;
  const cases: [string, unknown, string, RegExp][] = [
    ["not JSON", "{event: chat_started", "(body)", /is not valid JSON/],
    ["an array", [chatStarts], "(body)", /expected a JSON object, received an array/],
    ["null", null, "(body)", /expected a JSON object, received null/],
    ["no event", { visitor }, "event", /expected one of .*chat_started.*; it is missing/],
    [
      "the API's event name",
      { ...chatStarts, event: "chatStarts" },
      "event",
      /received "chatStarts" \(the API's name of the event; its bodies carry chat_started\)/,
    ],
    ["no visitor", { event: "chat_started" }, "visitor", /expected object, received undefined/],
    [
      "a visitor without chat_id",
      { ...chatStarts, visitor: { ...visitor, chat_id: undefined } },
      "visitor.chat_id",
      /expected string, received undefined/,
    ],
    [
      "a visit count as a string",
      { ...chatStarts, visitor: { ...visitor, visits: "7" } },
      "visitor.visits",
      /expected number, received string/,
    ],
    [
      "an ISO date instead of a Microsoft JSON date",
      { ...chatStarts, visitor: { ...visitor, visit_time: "2020-03-17T03:29:09Z" } },
      "visitor.visit_time",
      /Microsoft JSON date/,
    ],
    [
      "a custom variable without a name",
      { ...chatStarts, visitor: { ...visitor, custom_variables: [{ value: "x" }] } },
      "visitor.custom_variables[0].name",
      /expected string/,
    ],
    ["a chat_ended without its chat", { event: "chat_ended", visitor }, "chat", /expected object/],
    [
      "a transcript that is not a string",
      { ...chatEnds, chat: { ...chatEnds.chat, chat_transcript: ["line"] } },
      "chat.chat_transcript",
      /expected string, received array/,
    ],
    [
      "a wrap-up without chat_id",
      { ...chatIsWrappedUp, chat_id: undefined },
      "chat_id",
      /expected string/,
    ],
    [
      "a wrap-up time that is a number",
      { ...chatIsWrappedUp, wrapup: { ...chatIsWrappedUp.wrapup, time: 1584422324807 } },
      "wrapup.time",
      /expected string, received number/,
    ],
    [
      "an offline message attachment that is a string",
      {
        ...offlineMessageIsSubmitted,
        offline_message: { ...offlineMessageIsSubmitted.offline_message, attachment: "a.pdf" },
      },
      "offline_message.attachment",
      /expected object, received string/,
    ],
    [
      "an agent status without operator_id",
      { event: "away" },
      "operator_id",
      /expected a string \(GUID\) or an integer/,
    ],
    [
      "an undocumented body whose visitor name is a number",
      { event: "chat_requested", visitor: { name: 42 } },
      "visitor.name",
      /expected string, received number/,
    ],
  ];

  it.each(cases)("%s", (_name, body, field, message) => {
    const error = rejection(body);
    expect(error.path).toBe(field);
    expect(error.message).toMatch(/^Not a valid Comm100 webhook body: /);
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toMatch(message);
  });

  it("lists every bad field in `issues`, and the first five in the message", () => {
    const error = rejection({
      event: "chat_started",
      visitor: { ...visitor, id: 1, chat_id: 2, name: 3, email: 4, phone: 5, city: 6 },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "visitor.id",
      "visitor.chat_id",
      "visitor.name",
      "visitor.email",
      "visitor.phone",
      "visitor.city",
    ]);
    expect(error.message).toContain("visitor.phone: expected string, received number");
    expect(error.message).not.toContain("visitor.city");
    expect(error.message).toMatch(/and 1 more problem\(s\)$/);
  });
});

describe("event names", () => {
  it("maps every API event to the body events it sends, and back", () => {
    expect(Object.keys(payloadEvents)).toEqual([...webhookEvents]);
    expect(payloadEvents).toEqual({
      offlineMessageIsSubmitted: ["offline_message_submitted"],
      chatStarts: ["chat_started"],
      chatEnds: ["chat_ended"],
      chatIsWrappedUp: ["chat_wrapped_up"],
      agentStatusChanges: ["login", "online", "away", "logout"],
      chatIsRequested: ["chat_requested"],
      chatIsTransferred: ["chat_transferred"],
    });
    expect(webhookEventOf("away")).toBe("agentStatusChanges");
    expect(webhookEventOf("chat_ended")).toBe("chatEnds");
    expect(webhookEventOf("chatEnds")).toBeUndefined();
  });
});

describe("Microsoft JSON dates", () => {
  it("turns /Date(ms)/ (with or without an offset) into a Date, and back", () => {
    expect(parseMicrosoftDate("/Date(1584415749307)/").toISOString()).toBe(
      "2020-03-17T03:29:09.307Z",
    );
    expect(parseMicrosoftDate("/Date(1584415749307+0800)/").getTime()).toBe(1584415749307);
    expect(parseMicrosoftDate("/Date(-1000)/").getTime()).toBe(-1000);
    expect(toMicrosoftDate(new Date(1584415749307))).toBe("/Date(1584415749307)/");
  });

  it.each(["2020-03-17T03:29:09Z", "/Date()/", "/Date(abc)/", "Date(1)", "/Date(9e99)/"])(
    "rejects %j, saying what is expected",
    (value) => {
      expect(() => parseMicrosoftDate(value)).toThrow(
        `${JSON.stringify(value)} is not a Microsoft JSON date such as /Date(1584415749307)/.`,
      );
    },
  );
});

describe("the pulumi-comm100/payloads entry point", () => {
  it("loads neither the Pulumi SDK nor the provider (built package)", () => {
    const loaded = execFileSync(
      process.execPath,
      [
        "-e",
        "require('./dist/payloads/index.js');" +
          "console.log(JSON.stringify(Object.keys(require.cache)))",
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    const files = (JSON.parse(loaded) as string[]).map((file) => path.relative(repoRoot, file));
    expect(files.filter((file) => file.includes("@pulumi"))).toEqual([]);
    expect(files.filter((file) => file.startsWith("dist")).sort()).toEqual([
      "dist/core/webhook/events.js",
      "dist/payloads/definitions.js",
      "dist/payloads/index.js",
      "dist/payloads/microsoftDate.js",
      "dist/payloads/parse.js",
      "dist/payloads/schemas.js",
    ]);
  });
});
