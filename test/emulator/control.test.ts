import { describe, expect, it } from "vitest";
import {
  apiRouteKeys,
  defaultAdmin,
  defaultToken,
  defaultViewer,
  type RequestLogEntry,
  secondAccount,
  startEmulator,
} from "../../emulator";
import {
  basicClient,
  basicCredential,
  bearerClient,
  controlClient,
  missingId,
  route,
  sampleWebhook,
  siteId,
  upperGuid,
  useEmulator,
} from "../support/emulatorTestBed";

const emulator = useEmulator();
const control = () => controlClient(emulator());
const api = () => bearerClient(emulator());

describe("out-of-band webhook changes (drift)", () => {
  it("creates a webhook the API then returns, with a generated or a given id", async () => {
    const generated = await control().post(`/accounts/${siteId}/webhooks`, sampleWebhook);
    expect(generated.status).toBe(201);
    expect(generated.data.id).toMatch(upperGuid);
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const given = await control().post(`/accounts/${siteId}/webhooks`, { ...sampleWebhook, id });
    expect(given.data).toEqual({ id, ...sampleWebhook });
    expect((await api().get(`/livechat/webhooks/${id.toUpperCase()}`)).data).toEqual(given.data);
    expect((await control().get(`/accounts/${siteId}/webhooks`)).data).toEqual([
      generated.data,
      given.data,
    ]);
  });

  it("stores any strings without validation, e.g. an event Comm100 no longer knows", async () => {
    const response = await control().post(`/accounts/${siteId}/webhooks`, {
      event: "chatIsArchived",
      targetUrl: "not a url",
    });
    expect(response.status).toBe(201);
    expect((await api().get("/livechat/webhooks")).data).toEqual([response.data]);
  });

  it("edits one field at a time, visible through the API", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    const edited = await control().put(`/accounts/${siteId}/webhooks/${created.id}`, {
      targetUrl: "https://drifted.example",
    });
    expect(edited.status).toBe(200);
    expect(edited.data).toEqual({ ...created, targetUrl: "https://drifted.example" });
    expect((await api().get(`/livechat/webhooks/${created.id}`)).data).toEqual(edited.data);
  });

  it("deletes behind the API's back (204), after which the API answers 404", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    expect((await control().delete(`/accounts/${siteId}/webhooks/${created.id}`)).status).toBe(204);
    expect((await api().get(`/livechat/webhooks/${created.id}`)).status).toBe(404);
  });

  it.each([
    ["PUT", `/accounts/${siteId}/webhooks/${missingId}`, 404],
    ["DELETE", `/accounts/${siteId}/webhooks/${missingId}`, 404],
    ["GET", "/accounts/99999/webhooks", 404],
  ])("answers %s %s with %i JSON", async (method, url, status) => {
    const response = await control().request({ method, url, data: {} });
    expect(response.status).toBe(status);
    expect(response.data).toEqual({ code: status * 1000, message: expect.any(String) });
  });

  it("refuses a second webhook with the same id (409)", async () => {
    const id = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
    await control().post(`/accounts/${siteId}/webhooks`, { ...sampleWebhook, id });
    const response = await control().post(`/accounts/${siteId}/webhooks`, { ...sampleWebhook, id });
    expect(response.status).toBe(409);
  });

  it("is also available in process through the returned handle", async () => {
    const created = emulator().control.createWebhook(secondAccount.siteId, sampleWebhook);
    expect((await control().get(`/accounts/${secondAccount.siteId}/webhooks`)).data).toEqual([
      created,
    ]);
  });
});

describe("request log", () => {
  it("counts each Comm100 route and records method, route, url, status and site", async () => {
    const created = (await api().post("/livechat/webhooks", sampleWebhook)).data;
    await api().get("/livechat/webhooks");
    await api().get(`/livechat/webhooks/${created.id}`);
    await api().put(`/livechat/webhooks/${created.id}`, sampleWebhook);
    await api().delete(`/livechat/webhooks/${created.id}`);
    await api().delete(`/livechat/webhooks/${created.id}`);
    await api().patch("/livechat/webhooks", {});
    await control().get(`/accounts/${siteId}/webhooks`);

    const log = (await control().get("/requests")).data;
    expect(log.total).toBe(7);
    expect(log.counts).toEqual({
      [route.list]: 1,
      [route.create]: 1,
      [route.get]: 1,
      [route.update]: 1,
      [route.delete]: 2,
      "PATCH /livechat/webhooks": 1,
    });
    expect(log.entries.map((entry: RequestLogEntry) => entry.status)).toEqual([
      201, 200, 200, 200, 204, 404, 405,
    ]);
    expect(log.entries[0]).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      method: "POST",
      route: "/livechat/webhooks",
      url: "/v4/livechat/webhooks",
      status: 201,
      siteId,
    });
  });

  it("starts with every Comm100 route at zero, and DELETE /requests clears it", async () => {
    await api().get("/livechat/webhooks");
    expect((await control().delete("/requests")).status).toBe(204);
    const log = (await control().get("/requests")).data;
    expect(log).toEqual({
      total: 0,
      counts: Object.fromEntries(apiRouteKeys.map((key) => [key, 0])),
      entries: [],
    });
  });

  it("logs rejected requests too, without a site when authentication failed", async () => {
    await bearerClient(emulator(), "wrong").get("/livechat/webhooks");
    const [entry] = (await control().get("/requests")).data.entries;
    expect(entry).toMatchObject({ status: 401 });
    expect(entry).not.toHaveProperty("siteId");
  });

  it("never contains a credential, even one passed in the query string", async () => {
    const seen: RequestLogEntry[] = [];
    const running = await startEmulator({ onRequestLogged: (entry) => seen.push(entry) });
    try {
      await bearerClient(running).get("/livechat/webhooks", {
        params: { siteId, access_token: defaultToken },
      });
      await basicClient(running, defaultAdmin).post("/livechat/webhooks", sampleWebhook);
      await basicClient(running, defaultViewer).get("/livechat/webhooks");
      await basicClient(running, { ...defaultAdmin, apiKey: "typo-secret" }).get(
        "/livechat/webhooks",
      );
      const logged = JSON.stringify((await controlClient(running).get("/requests")).data);
      const printed = JSON.stringify(seen);
      expect(seen).toHaveLength(4);
      expect(logged).toContain("access_token=%5Bredacted%5D");
      for (const secret of [
        defaultToken,
        defaultAdmin.apiKey,
        defaultViewer.apiKey,
        "typo-secret",
        basicCredential(defaultAdmin),
        "Authorization",
      ]) {
        expect(logged).not.toContain(secret);
        expect(printed).not.toContain(secret);
      }
    } finally {
      await running.close();
    }
  });
});

describe("POST /__control/reset", () => {
  it("clears every account's webhooks, the log and faults", async () => {
    await api().post("/livechat/webhooks", sampleWebhook);
    await control().post(`/accounts/${secondAccount.siteId}/webhooks`, sampleWebhook);
    await control().put("/faults", { rate: 1, kinds: ["500"] });
    expect((await control().post("/reset")).status).toBe(204);
    expect((await control().get("/requests")).data.total).toBe(0);
    expect((await api().get("/livechat/webhooks")).data).toEqual([]);
    expect((await control().get(`/accounts/${secondAccount.siteId}/webhooks`)).data).toEqual([]);
  });
});
