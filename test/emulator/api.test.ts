import { describe, expect, it } from "vitest";
import { webhookEvents } from "../../provider/core/webhook/events";
import { webhookArguments } from "../../provider/core/webhook/webhookArguments";
import { webhookFieldNames } from "../../provider/core/webhook/webhookFields";
import { startEmulator } from "../../emulator";
import {
  bearerClient,
  missingId,
  sampleWebhook,
  siteId,
  upperGuid,
  useEmulator,
} from "../support/emulatorTestBed";

const emulator = useEmulator();
const api = () => bearerClient(emulator());

describe("Comm100 webhook routes", () => {
  it("lists webhooks as a bare JSON array (200), empty at first", async () => {
    const response = await api().get("/livechat/webhooks");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.data).toEqual([]);
  });

  it("creates a webhook (201) with a new upper-case GUID and exactly id, event, targetUrl", async () => {
    const response = await api().post("/livechat/webhooks", { ...sampleWebhook, secret: "x" });
    expect(response.status).toBe(201);
    expect(Object.keys(response.data).sort()).toEqual(["event", "id", "targetUrl"]);
    expect(response.data).toMatchObject(sampleWebhook);
    expect(response.data.id).toMatch(upperGuid);
    const second = await api().post("/livechat/webhooks", sampleWebhook);
    expect(second.data.id).not.toBe(response.data.id);
    expect((await api().get("/livechat/webhooks")).data).toEqual([response.data, second.data]);
  });

  it("gets one webhook (200) by id in any letter case", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    const response = await api().get(`/livechat/webhooks/${created.id.toLowerCase()}`);
    expect(response.status).toBe(200);
    expect(response.data).toEqual(created);
  });

  it("replaces event and targetUrl with PUT (200)", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    const changes = { event: "chatEnds", targetUrl: "https://hooks.example.com/ended?x=1" };
    const response = await api().put(`/livechat/webhooks/${created.id}`, changes);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ id: created.id, ...changes });
    expect((await api().get(`/livechat/webhooks/${created.id}`)).data).toEqual(response.data);
  });

  it("deletes with 204 and an empty body; the webhook is then 404", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    const response = await api().delete(`/livechat/webhooks/${created.id}`);
    expect(response.status).toBe(204);
    expect(response.data).toBe("");
    expect((await api().get(`/livechat/webhooks/${created.id}`)).status).toBe(404);
    expect((await api().delete(`/livechat/webhooks/${created.id}`)).status).toBe(404);
  });

  it("accepts every documented event", async () => {
    for (const event of webhookEvents) {
      const response = await api().post("/livechat/webhooks", {
        event,
        targetUrl: "https://a.example",
      });
      expect(response.status, event).toBe(201);
    }
    expect((await api().get("/livechat/webhooks")).data).toHaveLength(webhookEvents.length);
  });

  it("matches paths case-insensitively and with a trailing slash", async () => {
    await api().post("/LiveChat/WebHooks", sampleWebhook);
    const response = await api().get("/livechat/webhooks/");
    expect(response.status).toBe(200);
    expect(response.data).toHaveLength(1);
  });

  it.each([
    ["GET", "an unknown GUID", missingId],
    ["PUT", "an unknown GUID", missingId],
    ["DELETE", "an unknown GUID", missingId],
    ["GET", "a non-GUID id", "12345"],
    ["DELETE", "a non-GUID id", "not-a-guid"],
  ])("answers %s of %s with 404 {code, message}", async (method, _what, id) => {
    const response = await api().request({
      method,
      url: `/livechat/webhooks/${id}`,
      data: method === "PUT" ? sampleWebhook : undefined,
    });
    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 404000, message: `Webhook '${id}' was not found.` });
  });

  it.each([
    ["PATCH", "/livechat/webhooks", "GET, POST"],
    ["DELETE", "/livechat/webhooks", "GET, POST"],
    ["POST", `/livechat/webhooks/${missingId}`, "GET, PUT, DELETE"],
    ["PATCH", `/livechat/webhooks/${missingId}`, "GET, PUT, DELETE"],
  ])("answers %s %s with 405 and Allow: %s", async (method, url, allow) => {
    const response = await api().request({ method, url, data: sampleWebhook });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.data).toMatchObject({ code: 405000, message: expect.stringContaining(method) });
  });

  it("answers unknown paths with 404 JSON, inside and outside /v4", async () => {
    const inside = await api().get("/livechat/chats");
    expect(inside.status).toBe(404);
    expect(inside.data).toEqual({
      code: 404000,
      message: expect.stringContaining("/v4/livechat/chats"),
    });
    const outside = await api().get(`http://127.0.0.1:${emulator().port}/v3/livechat/webhooks`);
    expect(outside.status).toBe(404);
    expect(outside.data).toMatchObject({ code: 404000 });
  });
});

describe("validation (400 {code: 400000, message naming the field})", () => {
  const cases: [string, unknown, string][] = [
    ["event missing", { targetUrl: "http://a.example" }, "event"],
    ["targetUrl missing", { event: "chatStarts" }, "targetUrl"],
    ["event misspelled", { event: "ChatStarts", targetUrl: "http://a.example" }, "event"],
    ["event empty", { event: "", targetUrl: "http://a.example" }, "event"],
    ["event a number", { event: 1, targetUrl: "http://a.example" }, "event"],
    ["event null", { event: null, targetUrl: "http://a.example" }, "event"],
    ["event an array", { event: ["chatStarts"], targetUrl: "http://a.example" }, "event"],
    ["targetUrl relative", { event: "chatStarts", targetUrl: "/hook" }, "targetUrl"],
    ["targetUrl ftp", { event: "chatStarts", targetUrl: "ftp://a.example/hook" }, "targetUrl"],
    [
      "targetUrl with a space",
      { event: "chatStarts", targetUrl: "http://a.example/a b" },
      "targetUrl",
    ],
    ["targetUrl without host", { event: "chatStarts", targetUrl: "http://" }, "targetUrl"],
    ["targetUrl a number", { event: "chatStarts", targetUrl: 42 }, "targetUrl"],
    ["targetUrl null", { event: "chatStarts", targetUrl: null }, "targetUrl"],
  ];

  it.each(cases)("rejects POST with %s", async (_name, body, field) => {
    const response = await api().post("/livechat/webhooks", body);
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 400000, message: expect.stringContaining(field) });
    expect((await api().get("/livechat/webhooks")).data).toEqual([]);
  });

  it.each(cases)(
    "rejects PUT with %s and leaves the webhook unchanged",
    async (_name, body, field) => {
      const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
      const response = await api().put(`/livechat/webhooks/${created.id}`, body);
      expect(response.status).toBe(400);
      expect(response.data).toEqual({ code: 400000, message: expect.stringContaining(field) });
      expect((await api().get(`/livechat/webhooks/${created.id}`)).data).toEqual(created);
    },
  );
});

describe("the provider's field rules", () => {
  const samples: Record<(typeof webhookFieldNames)[number], unknown[]> = {
    event: [...webhookEvents, "ChatStarts", "chatBegins", "", 1, null],
    targetUrl: [
      "http://a.example",
      "https://[::1]:8443/hook",
      "https://a.example:/x",
      "https://a.example:0/x",
      "https://a.example:65536/x",
      `https://a.example/${"x".repeat(2048)}`,
      "ftp://a.example/hook",
      "https://:443/hook",
      "https://a.example/a b",
      "/hook",
      42,
    ],
  };
  const shown = (value: unknown) =>
    typeof value === "string" && value.length > 40
      ? `"${value.slice(0, 30)}…" (${value.length} characters)`
      : JSON.stringify(value);
  const cases = webhookFieldNames.flatMap((field) =>
    samples[field].map((value) => [field, shown(value), value] as const),
  );

  it.each(cases)(
    "decide whether %s %s is accepted, as the provider's check does",
    async (field, _shown, value) => {
      const response = await api().post("/livechat/webhooks", { ...sampleWebhook, [field]: value });
      const accepted = webhookArguments[field].problem(value) === undefined;
      expect(response.status).toBe(accepted ? 201 : 400);
    },
  );
});

describe("several emulators in one process (several data centres)", () => {
  it("each has its own base URL and its own webhooks", async () => {
    const other = await startEmulator();
    try {
      expect(other.baseUrl).not.toBe(emulator().baseUrl);
      const created = await api().post("/livechat/webhooks", sampleWebhook);
      expect(created.status).toBe(201);
      expect((await bearerClient(other).get("/livechat/webhooks")).data).toEqual([]);
      expect((await bearerClient(other).get(`/livechat/webhooks/${created.data.id}`)).status).toBe(
        404,
      );
      const otherCreated = (await bearerClient(other).post("/livechat/webhooks", sampleWebhook))
        .data;
      expect((await api().get("/livechat/webhooks")).data).toEqual([created.data]);
      expect(other.control.webhooks(siteId)).toEqual([otherCreated]);
    } finally {
      await other.close();
    }
  });
});

describe("latency option", () => {
  it("delays every API response by latencyMs", async () => {
    const slow = await startEmulator({ latencyMs: 250 });
    try {
      const started = Date.now();
      const response = await bearerClient(slow).get("/livechat/webhooks");
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    } finally {
      await slow.close();
    }
  });
});
