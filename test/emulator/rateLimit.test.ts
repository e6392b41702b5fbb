import { describe, expect, it } from "vitest";
import { defaultViewer, startEmulator } from "../../emulator";
import {
  basicClient,
  bearerClient,
  controlClient,
  sampleWebhook,
  siteId,
  useEmulator,
} from "../support/emulatorTestBed";

async function statuses(count: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) result.push((await send()).status);
  return result;
}

describe("rate limit, Comm100 style (403 quota exceeded)", () => {
  const emulator = useEmulator({ rateLimit: { max: 5 } });

  it("answers the call after the limit with 403 and a quota-exceeded code", async () => {
    const api = bearerClient(emulator());
    expect(await statuses(5, () => api.get("/livechat/webhooks"))).toEqual([
      200, 200, 200, 200, 200,
    ]);
    const rejected = await api.post("/livechat/webhooks", sampleWebhook);
    expect(rejected.status).toBe(403);
    expect(rejected.data).toEqual({
      code: 403001,
      message: expect.stringMatching(/quota exceeded/i),
    });
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it("counts every API call from the client, including rejected ones", async () => {
    const viewer = basicClient(emulator(), defaultViewer);
    expect(await statuses(5, () => viewer.get("/livechat/webhooks"))).toEqual([
      403, 403, 403, 403, 403,
    ]);
    const response = await bearerClient(emulator()).get("/livechat/webhooks");
    expect(response.data).toMatchObject({ code: 403001 });
  });

  it("logs rate-limited requests", async () => {
    const api = bearerClient(emulator());
    await statuses(7, () => api.get("/livechat/webhooks"));
    const { entries } = (await controlClient(emulator()).get("/requests")).data;
    expect(entries).toHaveLength(7);
    expect(entries.slice(5)).toEqual([
      expect.objectContaining({ status: 403, rateLimited: true }),
      expect.objectContaining({ status: 403, rateLimited: true }),
    ]);
  });

  it("never counts control calls, and a control reset restores the quota", async () => {
    const control = controlClient(emulator());
    await statuses(10, () => control.get("/requests"));
    const api = bearerClient(emulator());
    expect(await statuses(6, () => api.get("/livechat/webhooks"))).toEqual([
      200, 200, 200, 200, 200, 403,
    ]);
    expect((await control.post("/reset")).status).toBe(204);
    expect((await api.get("/livechat/webhooks")).status).toBe(200);
  });
});

describe("rate limit, proxy style (429 with Retry-After)", () => {
  const emulator = useEmulator({ rateLimit: { max: 5, windowMs: 60_000, mode: "status429" } });

  it("answers 429 with Retry-After in whole seconds until the window ends", async () => {
    const api = bearerClient(emulator());
    await statuses(5, () => api.get("/livechat/webhooks"));
    const rejected = await api.get("/livechat/webhooks");
    expect(rejected.status).toBe(429);
    expect(rejected.data).toEqual({ code: 429000, message: expect.any(String) });
    const retryAfter = Number(rejected.headers["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

describe("rate limit window", () => {
  it("allows calls again once the window has passed", async () => {
    const emulator = await startEmulator({ rateLimit: { max: 2, windowMs: 300 } });
    try {
      const api = bearerClient(emulator);
      expect(await statuses(3, () => api.get("/livechat/webhooks"))).toEqual([200, 200, 403]);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await api.get("/livechat/webhooks")).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it("defaults to Comm100's 300 calls per 5 minutes", async () => {
    const emulator = await startEmulator();
    try {
      const api = bearerClient(emulator);
      const answered = await statuses(301, () => api.get("/livechat/webhooks"));
      expect(answered.slice(0, 300).every((status) => status === 200)).toBe(true);
      expect(answered[300]).toBe(403);
    } finally {
      await emulator.close();
    }
  });
});
