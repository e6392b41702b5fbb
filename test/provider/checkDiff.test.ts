import { afterEach, describe, expect, it } from "vitest";
import { unknownValue } from "../../provider/core/engine/unknownValue";
import type { WebhookInputs } from "../../provider/core/lifecycle/webhookLifecycle";
import { check, diff, update } from "../../provider/dynamic/processLifecycle";
import { defaultAdmin, secondToken } from "../../emulator";
import { route } from "../support/emulatorTestBed";
import {
  apiKey,
  bearer,
  chatStarts,
  createWebhook,
  useProviderTestBed,
} from "../support/providerTestBed";

const bed = useProviderTestBed();

describe("check", () => {
  afterEach(() => {
    expect(bed.calls(), "check must never call the Comm100 API").toEqual({});
  });

  it("accepts valid arguments and returns them as the inputs", async () => {
    const news = { ...chatStarts, connection: bearer(bed.emulator()) };
    expect(await check({}, news)).toEqual({ inputs: news, failures: [] });
  });

  it("accepts the SDK's __provider property", async () => {
    const news = { ...chatStarts, __provider: "exports.handler = ..." };
    expect((await check({}, news)).failures).toEqual([]);
  });

  it.each([
    ["event", { ...chatStarts, event: unknownValue }],
    ["targetUrl", { ...chatStarts, targetUrl: unknownValue }],
    ["adoptId", { ...chatStarts, adoptId: unknownValue }],
    ["connection", { ...chatStarts, connection: unknownValue }],
    ["connection.accessToken", { ...chatStarts, connection: { accessToken: unknownValue } }],
    [
      "connection.baseUrl",
      { ...chatStarts, connection: { baseUrl: unknownValue, accessToken: "token-1234" } },
    ],
  ])("lets an unknown %s pass during preview", async (_field, news) => {
    expect((await check({}, news)).failures).toEqual([]);
  });

  it.each([
    ["event", { ...chatStarts, event: "chatStart" }, 'did you mean "chatStarts"?'],
    ["event", { targetUrl: chatStarts.targetUrl }, "must be a string"],
    ["targetUrl", { ...chatStarts, targetUrl: "ftp://crm.example.com/x" }, "only http and https"],
    ["targetUrl", { ...chatStarts, targetUrl: "crm.example.com/hook" }, "not an absolute URL"],
    [
      "targetUrl",
      { ...chatStarts, targetUrl: "https://crm.example.com:99999/hook" },
      "has the port 99999, out of range: a port is a number from 1 to 65535",
    ],
    ["adoptId", { ...chatStarts, adoptId: "12345" }, "must be a webhook id, a GUID"],
    [
      "connection",
      { ...chatStarts, connection: { baseUrl: "https://api11.comm100.io", accessToken: "t-1234" } },
      "connection.baseUrl",
    ],
    [
      "connection",
      {
        ...chatStarts,
        connection: { baseUrl: "https://api11.comm100.io:99999/v4", accessToken: "t-1234" },
      },
      "connection.baseUrl has the port 99999, out of range",
    ],
    [
      "connection",
      { ...chatStarts, connection: { baseUrl: "https://api11.comm100.io/v4", apiKey: "k-1234" } },
      "connection.agentEmail and connection.siteId missing",
    ],
    ["targetURL", { ...chatStarts, targetURL: "https://x.example.com" }, "is not an argument"],
  ])("rejects a bad %s, naming the field, without any API call", async (field, news, text) => {
    const { failures = [] } = await check({}, news);
    expect(failures).toHaveLength(1);
    // The engine would print a named property's whole value (a secret too): the reason names it.
    expect(failures[0].property).toBe("");
    expect(failures[0].reason).toContain(field);
    expect(failures[0].reason).toContain(text);
  });

  it("reports every bad field at once", async () => {
    const { failures = [] } = await check(
      {},
      { event: "nope", targetUrl: "nope", adoptId: "nope" },
    );
    expect(failures.map((failure) => failure.reason.split(" ")[0])).toEqual([
      "event",
      "targetUrl",
      "adoptId",
    ]);
  });

  it("rejects a missing connection with the three ways to give one", async () => {
    delete process.env.COMM100_BASE_URL;
    delete process.env.COMM100_ACCESS_TOKEN;

    const { failures = [] } = await check({}, { ...chatStarts });
    expect(failures).toEqual([{ property: "", reason: expect.any(String) }]);
    expect(failures[0].reason).toContain("Comm100 connection settings are missing");
    expect(failures[0].reason).toContain("pulumi config set comm100:baseUrl");
    expect(failures[0].reason).toContain("COMM100_ACCESS_TOKEN");
  });
});

describe("diff", () => {
  afterEach(() => {
    expect(bed.calls(), "diff must never call the Comm100 API").toEqual({});
  });

  const id = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

  it("reports no change for the same values", async () => {
    expect(await diff(id, chatStarts, { ...chatStarts })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    ["event", { ...chatStarts, event: "chatEnds" }],
    ["targetUrl", { ...chatStarts, targetUrl: "https://crm.example.com/other" }],
    ["targetUrl path case", { ...chatStarts, targetUrl: chatStarts.targetUrl.toUpperCase() }],
  ] as const)("updates in place, never replaces, on a new %s", async (_what, news) => {
    expect(await diff(id, chatStarts, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    ["host case", "https://CRM.Example.com/comm100/chat-starts"],
    ["scheme case", "HTTPS://crm.example.com/comm100/chat-starts"],
  ])("sees no change in a target URL differing only in %s", async (_what, targetUrl) => {
    expect((await diff(id, chatStarts, { ...chatStarts, targetUrl })).changes).toBe(false);
  });

  it("sees no change between a bare host with and without a trailing slash", async () => {
    const olds = { ...chatStarts, targetUrl: "https://crm.example.com" };
    const news = { ...chatStarts, targetUrl: "https://crm.example.com/" };
    expect((await diff(id, olds, news)).changes).toBe(false);
  });

  it("ignores adoptId, which matters only at create", async () => {
    const news = { ...chatStarts, adoptId: "7B1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D" };
    expect((await diff(id, chatStarts, news)).changes).toBe(false);
  });

  it.each(["event", "targetUrl", "connection"] as const)(
    "reports a change when %s is not known yet",
    async (field) => {
      const news = { ...chatStarts, [field]: unknownValue } as WebhookInputs;
      expect(await diff(id, chatStarts, news)).toMatchObject({ changes: true, replaces: [] });
    },
  );
});

describe("a change of connection alone", () => {
  it("to another scheme for the same site is an update: diff asks the account once, update makes no call", async () => {
    const olds = { ...chatStarts, connection: bearer(bed.emulator()) };
    const created = await createWebhook(olds);
    const news = { ...chatStarts, connection: apiKey(bed.emulator(), defaultAdmin) };
    bed.clearCalls();

    expect(await diff(created.id, created.outs, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(bed.calls()).toEqual({ [route.list]: 1 });
    bed.clearCalls();
    const updated = await update(created.id, created.outs, news);
    expect(updated.outs).toEqual(bed.stateOf(news));
    expect(bed.calls()).toEqual({});
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
  });

  it("is a change in diff when the connection is removed", async () => {
    const olds = { ...chatStarts, connection: bearer(bed.emulator(), secondToken) };
    expect((await diff("id", olds, chatStarts)).changes).toBe(true);
    expect(bed.calls()).toEqual({});
  });
});
