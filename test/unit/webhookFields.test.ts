import { describe, expect, it } from "vitest";
import { unknownValue } from "../../provider/core/engine/unknownValue";
import { eventProblem, targetUrlProblem } from "../../provider/core/webhook/validation";
import {
  fieldProblems,
  fieldsOf,
  idKey,
  sameFields,
  sameId,
  sameTargetUrl,
  webhookFrom,
  writeKey,
  type WebhookFields,
} from "../../provider/core/webhook/webhookFields";

const id = "69FAB2B6-1189-4B96-BD06-1CBDADBC1164";
const chatStarts: WebhookFields = {
  event: "chatStarts",
  targetUrl: "https://crm.example.com/hook",
};

describe("the fields of a webhook", () => {
  it("are its event and target URL, without anything else the values carry", () => {
    const inputs = { ...chatStarts, id, connection: { baseUrl: "https://api11.comm100.io/v4" } };
    expect(fieldsOf(inputs)).toEqual(chatStarts);
  });

  it("have no problems when valid, and one per wrong field, in field order", () => {
    expect(fieldProblems(chatStarts)).toEqual([]);
    expect(fieldProblems({ event: "chatBegins", targetUrl: "ftp://x" })).toEqual([
      { field: "event", problem: eventProblem("chatBegins") },
      { field: "targetUrl", problem: targetUrlProblem("ftp://x") },
    ]);
    expect(fieldProblems({})).toEqual([
      { field: "event", problem: expect.stringContaining("got nothing") },
      { field: "targetUrl", problem: expect.stringContaining("got nothing") },
    ]);
  });

  it("pass while not known yet (preview), the known ones still checked", () => {
    expect(fieldProblems({ event: unknownValue, targetUrl: unknownValue })).toEqual([]);
    expect(fieldProblems({ event: unknownValue, targetUrl: "not a url" })).toEqual([
      { field: "targetUrl", problem: targetUrlProblem("not a url") },
    ]);
  });
});

describe("when two webhooks are the same webhook", () => {
  const hook = { event: "chatStarts", targetUrl: "https://crm.example.com/comm100/hook" };

  it("the same event to the same endpoint however its URL is spelled", () => {
    for (const targetUrl of [
      "https://CRM.Example.COM/comm100/hook",
      "HTTPS://crm.example.com/comm100/hook",
      "https://crm.example.com:443/comm100/hook",
    ]) {
      expect(sameFields(hook, { ...hook, targetUrl })).toBe(true);
    }
    expect(
      sameFields(
        { ...hook, targetUrl: "https://crm.example.com" },
        {
          ...hook,
          targetUrl: "https://crm.example.com/",
        },
      ),
    ).toBe(true);
  });

  it("not for another event, path (case included), scheme, host or port", () => {
    for (const targetUrl of [
      "https://crm.example.com/comm100/HOOK",
      "https://crm.example.com/comm100/hook/",
      "http://crm.example.com/comm100/hook",
      "https://crm2.example.com/comm100/hook",
      "https://crm.example.com:8443/comm100/hook",
    ]) {
      expect(sameFields(hook, { ...hook, targetUrl })).toBe(false);
    }
    expect(sameFields(hook, { ...hook, event: "chatEnds" })).toBe(false);
  });

  it("writes that could make the same webhook on one API host share one lock key, across spellings", () => {
    const origin = "https://api11.comm100.io";
    const fields = { event: "chatStarts", targetUrl: hook.targetUrl } as const;
    expect(writeKey(origin, fields)).toBe(
      writeKey("https://API11.Comm100.io", {
        ...fields,
        targetUrl: "https://CRM.example.com:443/comm100/hook",
      }),
    );
    expect(writeKey(origin, fields)).not.toBe(writeKey("https://api15.comm100.io", fields));
    expect(writeKey(origin, fields)).not.toBe(writeKey("http://api11.comm100.io", fields));
    expect(writeKey(origin, fields)).not.toBe(writeKey(origin, { ...fields, event: "chatEnds" }));
    expect(writeKey(origin, fields)).not.toBe(
      writeKey(origin, { ...fields, targetUrl: "https://crm.example.com/other" }),
    );
  });
});

describe("target URLs and ids", () => {
  it("compares URLs as the endpoint they address", () => {
    expect(sameTargetUrl("https://EXAMPLE.com", "https://example.com/")).toBe(true);
    expect(sameTargetUrl("https://example.com/a", "https://example.com/b")).toBe(false);
    expect(sameTargetUrl("https://example.com/A", "https://example.com/a")).toBe(false);
  });

  it("compares ids in any letter case, through one key", () => {
    expect(sameId(id, id.toLowerCase())).toBe(true);
    expect(sameId(id, "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9")).toBe(false);
    expect(idKey(id)).toBe(idKey(id.toLowerCase()));
  });
});

describe("a webhook in a Comm100 response", () => {
  it("is its id, event and target URL, without the other fields Comm100 sends", () => {
    expect(webhookFrom({ id, ...chatStarts, isEnabled: true })).toEqual({ id, ...chatStarts });
  });

  it("keeps an event newer than this package as Comm100 names it", () => {
    const newer = { id, event: "chatIsRated", targetUrl: chatStarts.targetUrl };
    expect(webhookFrom(newer)).toEqual(newer);
  });

  it.each([
    ["null", null],
    ["a list", [{ id, ...chatStarts }]],
    ["text", JSON.stringify({ id, ...chatStarts })],
    ["no id", chatStarts],
    ["a numeric id", { ...chatStarts, id: 42 }],
    ["no event", { id, targetUrl: chatStarts.targetUrl }],
    ["a target URL that is not text", { id, event: chatStarts.event, targetUrl: null }],
  ])("is not found in %s", (_case, body) => {
    expect(webhookFrom(body)).toBeUndefined();
  });
});
