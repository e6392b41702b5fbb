import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { webhookEvents } from "../../provider/core/webhook/events";
import { parseWebhookPayload, webhookEventOf } from "../../provider/payloads";
import { refusingUrl, type Target, useTargets } from "../support/deliveryTargets";
import { bearerClient, controlClient, siteId, useEmulator } from "../support/emulatorTestBed";
import {
  chatScenario,
  type DeliveryLogEntry,
  formatDeliveryTable,
  secondAccount,
} from "../../emulator";

const timeoutMs = 1000;
const emulator = useEmulator({ deliveries: { loopbackOnly: true, timeoutMs } });
const startTarget = useTargets();
const control = () => controlClient(emulator());

function subscribe(event: string, targetUrl: string, site: string = siteId) {
  return emulator().control.createWebhook(site, { event, targetUrl });
}

async function trigger(event: string, count?: number): Promise<DeliveryLogEntry[]> {
  const response = await control().post(`/accounts/${siteId}/trigger`, { event, count });
  expect(response.status).toBe(200);
  return response.data.deliveries;
}

const bodies = (target: Target) => target.requests.map((request) => request.body);

describe("POST /__control/accounts/:siteId/trigger", () => {
  it("POSTs the event's body to every webhook of the site subscribed to it, and no other", async () => {
    const [crm, analytics, otherSite] = [
      await startTarget(),
      await startTarget(),
      await startTarget(),
    ];
    const first = subscribe("chatStarts", crm.url);
    const second = subscribe("chatStarts", analytics.url);
    subscribe("chatEnds", crm.url);
    subscribe("chatStarts", otherSite.url, secondAccount.siteId);

    const deliveries = await trigger("chatStarts");

    expect(deliveries).toEqual([
      expect.objectContaining({ webhookId: first.id, targetUrl: crm.url, status: 204, ok: true }),
      expect.objectContaining({ webhookId: second.id, targetUrl: analytics.url, status: 204 }),
    ]);
    expect(bodies(crm)).toEqual([expect.objectContaining({ event: "chat_started" })]);
    expect(bodies(analytics)).toEqual(bodies(crm));
    expect(otherSite.requests).toEqual([]);
    expect(crm.requests[0]).toMatchObject({ method: "POST", path: "/comm100" });
    expect(crm.requests[0].headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("sends, for every event, a body parseWebhookPayload accepts as that event's", async () => {
    const target = await startTarget();
    for (const event of webhookEvents) subscribe(event, target.url);
    for (const event of webhookEvents) await trigger(event);

    expect(bodies(target).map((body) => webhookEventOf(parseWebhookPayload(body).event))).toEqual([
      ...webhookEvents,
    ]);
  });

  it("cycles agent statuses through login, online, away and logout", async () => {
    const target = await startTarget();
    subscribe("agentStatusChanges", target.url);
    await trigger("agentStatusChanges", 4);
    expect(bodies(target).map((body) => (body as { event: string }).event)).toEqual([
      "login",
      "online",
      "away",
      "logout",
    ]);
  });

  it("fires a chat in order, one chat_id and visitor per conversation, a new one each time", async () => {
    const target = await startTarget();
    for (const event of webhookEvents) subscribe(event, target.url);

    const deliveries = await trigger("chat", 2);

    const events = bodies(target).map((body) => parseWebhookPayload(body).event);
    const oneChat = ["chat_requested", "chat_started", "chat_transferred", "chat_ended"];
    expect(events).toEqual([...oneChat, "chat_wrapped_up", ...oneChat, "chat_wrapped_up"]);
    expect(deliveries.map((delivery) => delivery.event)).toEqual([
      ...chatScenario,
      ...chatScenario,
    ]);
    const ids = bodies(target).map((body) => {
      const { visitor, chat_id } = body as {
        visitor: { id: string; chat_id: string };
        chat_id?: string;
      };
      return {
        chatId: chat_id ?? visitor.chat_id,
        visitorChatId: visitor.chat_id,
        visitorId: visitor.id,
      };
    });
    const [first, second] = [ids.slice(0, 5), ids.slice(5)];
    for (const conversation of [first, second]) {
      expect(new Set(conversation.map((id) => JSON.stringify(id))).size).toBe(1);
      expect(conversation[0].chatId).toBe(conversation[0].visitorChatId);
    }
    expect(second[0].chatId).not.toBe(first[0].chatId);
    expect(second[0].visitorId).not.toBe(first[0].visitorId);
  });

  it("answers an empty list when no webhook of the site is subscribed", async () => {
    subscribe("chatEnds", (await startTarget()).url);
    expect(await trigger("chatStarts")).toEqual([]);
  });

  it("rejects an unknown event, a bad count or an unknown site, saying what is allowed", async () => {
    const unknown = await control().post(`/accounts/${siteId}/trigger`, { event: "chat_started" });
    expect(unknown.status).toBe(400);
    expect(unknown.data.message).toBe(
      `event must be one of: ${[...webhookEvents, "chat"].join(", ")}.`,
    );
    const zero = await control().post(`/accounts/${siteId}/trigger`, { event: "chat", count: 0 });
    expect([zero.status, zero.data.message]).toEqual([
      400,
      "count must be an integer from 1 to 100.",
    ]);
    const missing = await control().post(`/accounts/${siteId}/trigger`, {});
    expect([missing.status, missing.data.message]).toEqual([400, "event is required."]);
    const site = await control().post("/accounts/99999/trigger", { event: "chat" });
    expect([site.status, site.data.message]).toEqual([404, "No account has siteId '99999'."]);
  });
});

describe("targets that fail", () => {
  it("logs a refused connection, a 500 and a dropped connection, and still delivers to the rest", async () => {
    const healthy = await startTarget();
    const failing = await startTarget({ status: 500 });
    const dropping = await startTarget("reset");
    const down = await refusingUrl();
    for (const url of [down, failing.url, dropping.url, healthy.url]) subscribe("chatEnds", url);

    const deliveries = await trigger("chatEnds");

    expect(
      deliveries.map(({ targetUrl, status, error, ok }) => ({ targetUrl, status, error, ok })),
    ).toEqual([
      { targetUrl: down, status: null, error: "connection refused", ok: false },
      { targetUrl: failing.url, status: 500, error: undefined, ok: false },
      {
        targetUrl: dropping.url,
        status: null,
        error: "connection closed without an answer",
        ok: false,
      },
      { targetUrl: healthy.url, status: 204, error: undefined, ok: true },
    ]);
    expect(bodies(healthy)).toEqual([expect.objectContaining({ event: "chat_ended" })]);
  });

  it("cuts a slow target off at the timeout while API calls keep being answered promptly", async () => {
    const slow = await startTarget("hang");
    subscribe("chatStarts", slow.url);

    const pending = trigger("chatStarts");
    let settled = false;
    const settle = () => (settled = true);
    void pending.then(settle, settle);
    await slow.received();
    const started = performance.now();
    const listed = await bearerClient(emulator()).get("/livechat/webhooks");
    const apiMs = performance.now() - started;

    expect([listed.status, settled]).toEqual([200, false]);
    expect(apiMs).toBeLessThan(500);
    const [delivery] = await pending;
    expect(delivery).toMatchObject({
      status: null,
      error: `timed out after ${timeoutMs} ms`,
      ok: false,
    });
    expect(delivery.durationMs).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(delivery.durationMs).toBeLessThan(timeoutMs + 500);
  });

  it("never sends to a host that is not loopback when loopbackOnly is set", async () => {
    subscribe("chatStarts", "https://crm.example.com/comm100");
    subscribe("chatStarts", "not a url");
    const deliveries = await trigger("chatStarts");
    expect(deliveries.map((delivery) => delivery.error)).toEqual([
      "not sent: crm.example.com is not a loopback address (loopbackOnly)",
      "not sent: the target is not an absolute http(s) URL",
    ]);
  });
});

describe("the delivery log", () => {
  it("lists every delivery (webhook, target, events, status or error, duration) until cleared", async () => {
    const target = await startTarget();
    const webhook = subscribe("agentStatusChanges", target.url);
    await trigger("agentStatusChanges", 2);

    const log = await control().get("/deliveries");
    expect(log.status).toBe(200);
    expect(log.data).toEqual({
      total: 2,
      entries: ["login", "online"].map((payloadEvent) => ({
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        siteId,
        webhookId: webhook.id,
        event: "agentStatusChanges",
        payloadEvent,
        targetUrl: target.url,
        status: 204,
        ok: true,
        durationMs: expect.any(Number),
      })),
    });
    expect(emulator().control.deliveries()).toEqual(log.data);

    expect((await control().delete("/deliveries")).status).toBe(204);
    expect((await control().get("/deliveries")).data).toEqual({ total: 0, entries: [] });
    await trigger("agentStatusChanges");
    expect((await control().post("/reset")).status).toBe(204);
    expect(emulator().control.deliveries()).toEqual({ total: 0, entries: [] });
  });

  it("prints as a table, one row per delivery", () => {
    const entry = {
      at: "2024-01-01T00:00:00.000Z",
      siteId,
      webhookId: "0F8FAD5B-D9CB-469F-A165-70867728950E",
      event: "chatEnds",
      payloadEvent: "chat_ended",
      targetUrl: "http://127.0.0.1:8200/comm100",
    };
    expect(
      formatDeliveryTable([
        { ...entry, status: 204, ok: true, durationMs: 12 },
        { ...entry, status: 500, ok: false, durationMs: 3 },
        { ...entry, status: null, error: "timed out after 5000 ms", ok: false, durationMs: 5001 },
      ]),
    ).toBe(
      [
        "WEBHOOK                               EVENT     BODY EVENT  TARGET                         RESULT                       MS",
        "0F8FAD5B-D9CB-469F-A165-70867728950E  chatEnds  chat_ended  http://127.0.0.1:8200/comm100  204 No Content               12",
        "0F8FAD5B-D9CB-469F-A165-70867728950E  chatEnds  chat_ended  http://127.0.0.1:8200/comm100  500 Internal Server Error     3",
        "0F8FAD5B-D9CB-469F-A165-70867728950E  chatEnds  chat_ended  http://127.0.0.1:8200/comm100  timed out after 5000 ms    5001",
      ].join("\n"),
    );
  });
});
