import axios from "axios";
import { describe, expect, it } from "vitest";
import {
  defaultAdmin,
  defaultRotatedToken,
  defaultToken,
  defaultViewer,
  secondAccount,
  secondAdmin,
  secondToken,
} from "../../emulator";
import {
  basicClient,
  bearerClient,
  missingId,
  sampleWebhook,
  siteId,
  useEmulator,
} from "../support/emulatorTestBed";

const emulator = useEmulator();

describe("Bearer token authentication", () => {
  it("the token alone selects its site", async () => {
    const response = await bearerClient(emulator()).post("/livechat/webhooks", sampleWebhook);
    expect(response.status).toBe(201);
    expect(await emulator().control.webhooks(siteId)).toEqual([response.data]);
  });

  it("accepts a siteId query parameter that matches the token's site", async () => {
    const response = await bearerClient(emulator()).get("/livechat/webhooks", {
      params: { siteId },
    });
    expect(response.status).toBe(200);
  });

  it("answers 403 when siteId names another site than the token's", async () => {
    const response = await bearerClient(emulator()).get("/livechat/webhooks", {
      params: { siteId: secondAccount.siteId },
    });
    expect(response.status).toBe(403);
    expect(response.data).toEqual({
      code: 403000,
      message: expect.stringContaining(secondAccount.siteId),
    });
  });

  it("site 10000's rotated token acts on the same webhooks as its first token", async () => {
    expect(defaultRotatedToken).not.toBe(defaultToken);
    const first = bearerClient(emulator());
    const rotated = bearerClient(emulator(), defaultRotatedToken);
    const created = (await first.post("/livechat/webhooks", sampleWebhook)).data;
    expect((await rotated.get("/livechat/webhooks", { params: { siteId } })).data).toEqual([
      created,
    ]);
    expect((await rotated.delete(`/livechat/webhooks/${created.id}`)).status).toBe(204);
    expect((await first.get("/livechat/webhooks")).data).toEqual([]);
  });

  it("answers 401 with a WWW-Authenticate challenge for an unknown token", async () => {
    const response = await bearerClient(emulator(), "expired-token").get("/livechat/webhooks");
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toContain("Bearer");
    expect(response.data).toEqual({ code: 401000, message: expect.any(String) });
  });
});

describe("API key (HTTP Basic) authentication", () => {
  it("accepts agent email and API key with the agent's siteId", async () => {
    const response = await basicClient(emulator(), defaultAdmin).post(
      "/livechat/webhooks",
      sampleWebhook,
    );
    expect(response.status).toBe(201);
  });

  it("compares the agent email case-insensitively", async () => {
    const agent = { ...defaultAdmin, email: defaultAdmin.email.toUpperCase() };
    expect((await basicClient(emulator(), agent).get("/livechat/webhooks")).status).toBe(200);
  });

  it("answers 400 naming siteId when the siteId parameter is missing", async () => {
    const response = await basicClient(emulator(), defaultAdmin, null).get("/livechat/webhooks");
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 400000, message: expect.stringContaining("siteId") });
  });

  it("answers 401 when siteId is not the agent's site", async () => {
    const response = await basicClient(emulator(), defaultAdmin, secondAccount.siteId).get(
      "/livechat/webhooks",
    );
    expect(response.status).toBe(401);
    expect(response.data).toMatchObject({ code: 401000 });
  });

  it.each([
    ["a wrong API key", { ...defaultAdmin, apiKey: "wrong" }],
    ["an unknown email", { ...defaultAdmin, email: "nobody@example.com" }],
  ])("answers 401 for %s", async (_what, agent) => {
    const response = await basicClient(emulator(), agent).get("/livechat/webhooks");
    expect(response.status).toBe(401);
    expect(response.data).toMatchObject({ code: 401000 });
  });

  it.each([
    ["GET", "/livechat/webhooks"],
    ["POST", "/livechat/webhooks"],
    ["GET", `/livechat/webhooks/${missingId}`],
    ["PUT", `/livechat/webhooks/${missingId}`],
    ["DELETE", `/livechat/webhooks/${missingId}`],
  ])("answers 403 to %s %s by an agent without Manage Integration", async (method, url) => {
    const response = await basicClient(emulator(), defaultViewer).request({
      method,
      url,
      data: method === "POST" || method === "PUT" ? sampleWebhook : undefined,
    });
    expect(response.status).toBe(403);
    expect(response.data).toEqual({
      code: 403000,
      message: expect.stringContaining("Manage Integration"),
    });
  });
});

describe("missing or malformed credentials (401)", () => {
  it.each([
    ["no Authorization header", undefined],
    ["an empty header", ""],
    ["an unsupported scheme", "Digest abc"],
    ["Basic that is not base64", "Basic ***"],
    ["Basic without a colon", `Basic ${Buffer.from("admin@example.com").toString("base64")}`],
    ["a bare token without scheme", defaultToken],
  ])("answers 401 JSON for %s", async (_what, authorization) => {
    const response = await axios.get(`${emulator().baseUrl}/livechat/webhooks?siteId=${siteId}`, {
      headers: authorization === undefined ? {} : { Authorization: authorization },
      validateStatus: () => true,
    });
    expect(response.status).toBe(401);
    expect(response.data).toEqual({ code: 401000, message: expect.any(String) });
  });

  it("checks credentials before the body: an invalid body without credentials is 401", async () => {
    const response = await bearerClient(emulator(), "nope").post("/livechat/webhooks", {});
    expect(response.status).toBe(401);
  });
});

describe("site isolation", () => {
  it("a site never sees, changes or deletes another site's webhooks", async () => {
    const first = bearerClient(emulator());
    const second = bearerClient(emulator(), secondToken);
    const created = (await first.post("/livechat/webhooks", sampleWebhook)).data;

    expect((await second.get("/livechat/webhooks")).data).toEqual([]);
    expect((await second.get(`/livechat/webhooks/${created.id}`)).status).toBe(404);
    expect((await second.put(`/livechat/webhooks/${created.id}`, sampleWebhook)).status).toBe(404);
    expect((await second.delete(`/livechat/webhooks/${created.id}`)).status).toBe(404);
    expect((await first.get("/livechat/webhooks")).data).toEqual([created]);
  });

  it("the second site's API-key agent works on its own site", async () => {
    const client = basicClient(emulator(), secondAdmin, secondAccount.siteId);
    const created = (await client.post("/livechat/webhooks", sampleWebhook)).data;
    expect((await client.get("/livechat/webhooks")).data).toEqual([created]);
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });
});
