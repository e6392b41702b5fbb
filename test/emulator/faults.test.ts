import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../emulator/faults";
import { type FaultConfig, type RunningEmulator, startEmulator } from "../../emulator";
import {
  bearerClient,
  controlClient,
  sampleWebhook,
  siteId,
  upperGuid,
  useEmulator,
} from "../support/emulatorTestBed";

const emulator = useEmulator();

async function setFaults(config: FaultConfig) {
  const response = await controlClient(emulator()).put("/faults", config);
  expect(response.status).toBe(200);
  return response.data as FaultConfig & { seed: number };
}

function createSample(running: RunningEmulator) {
  return bearerClient(running).post("/livechat/webhooks", sampleWebhook);
}

async function lastEntry() {
  const { entries } = (await controlClient(emulator()).get("/requests")).data;
  return entries.at(-1);
}

describe("injected faults", () => {
  it.each([
    ["500", 500, 500000],
    ["503", 503, 503000],
    ["quota", 403, 403001],
  ] as const)(
    "%s answers %i with a JSON error and does not apply the request",
    async (kind, status, code) => {
      await setFaults({ rate: 1, kinds: [kind] });
      const response = await createSample(emulator());
      expect(response.status).toBe(status);
      expect(response.data).toEqual({ code, message: expect.any(String) });
      expect(emulator().control.webhooks(siteId)).toEqual([]);
      expect(await lastEntry()).toMatchObject({ method: "POST", status, fault: kind });
    },
  );

  it("429 answers 429 with Retry-After: 1 and does not apply the request", async () => {
    await setFaults({ rate: 1, kinds: ["429"] });
    const response = await createSample(emulator());
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("1");
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it("reset drops the connection before processing: the webhook is not created", async () => {
    await setFaults({ rate: 1, kinds: ["reset"] });
    await expect(createSample(emulator())).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(emulator().control.webhooks(siteId)).toEqual([]);
    expect(await lastEntry()).toMatchObject({ method: "POST", status: null, fault: "reset" });
  });

  it("lostResponse creates the webhook, yet the client only sees a dropped connection", async () => {
    await setFaults({ rate: 1, kinds: ["lostResponse"] });
    await expect(createSample(emulator())).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(emulator().control.webhooks(siteId)).toEqual([expect.objectContaining(sampleWebhook)]);
    expect(await lastEntry()).toMatchObject({
      method: "POST",
      status: null,
      fault: "lostResponse",
    });
  });

  it("lostResponse applies updates and deletes too", async () => {
    const created = (await createSample(emulator())).data;
    await setFaults({ rate: 1, kinds: ["lostResponse"], methods: ["PUT", "DELETE"] });
    const api = bearerClient(emulator());
    const changes = { event: "chatEnds", targetUrl: "https://changed.example" };
    await expect(api.put(`/livechat/webhooks/${created.id}`, changes)).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(emulator().control.webhooks(siteId)).toEqual([{ id: created.id, ...changes }]);
    await expect(api.delete(`/livechat/webhooks/${created.id}`)).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it("only hits the listed methods", async () => {
    await setFaults({ rate: 1, kinds: ["500"], methods: ["post"] });
    const api = bearerClient(emulator());
    expect((await api.get("/livechat/webhooks")).status).toBe(200);
    expect((await createSample(emulator())).status).toBe(500);
  });

  it("slowMs delays chosen requests; with no kinds they then succeed", async () => {
    await setFaults({ rate: 1, kinds: [], slowMs: 300 });
    const started = Date.now();
    const response = await createSample(emulator());
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await lastEntry()).toMatchObject({ status: 201, fault: "slow" });
  });

  it("count: 1 faults exactly the next eligible request, then stops", async () => {
    await setFaults({ rate: 1, kinds: ["500"], methods: ["POST"], count: 1 });
    expect((await bearerClient(emulator()).get("/livechat/webhooks")).status).toBe(200);
    expect((await createSample(emulator())).status).toBe(500);
    expect((await createSample(emulator())).status).toBe(201);
    expect((await createSample(emulator())).status).toBe(201);
  });

  it("count: 2 with a seed faults exactly two requests, the same two on every run", async () => {
    const run = async () => {
      await setFaults({ rate: 0.5, kinds: ["500"], seed: 7, count: 2 });
      const api = bearerClient(emulator());
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await api.get("/livechat/webhooks")).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status === 500)).toHaveLength(2);
    expect(await run()).toEqual(first);
  });

  it("rate 0 never injects, and DELETE /__control/faults turns faults off", async () => {
    await setFaults({ rate: 0, kinds: ["500"] });
    expect((await createSample(emulator())).status).toBe(201);
    await setFaults({ rate: 1, kinds: ["500"] });
    expect((await controlClient(emulator()).delete("/faults")).status).toBe(204);
    expect((await createSample(emulator())).status).toBe(201);
  });

  it("never touches the control interface", async () => {
    await setFaults({ rate: 1, kinds: ["reset"] });
    expect((await controlClient(emulator()).get(`/accounts/${siteId}/webhooks`)).status).toBe(200);
  });

  it.each([
    ["a rate above 1", { rate: 1.5, kinds: ["500"] }],
    ["an unknown kind", { rate: 1, kinds: ["boom"] }],
    ["no kinds", { rate: 1 }],
    ["a negative slowMs", { rate: 1, kinds: [], slowMs: -1 }],
    ["a negative lateCommitMs", { rate: 1, kinds: ["lateCommit"], lateCommitMs: -1 }],
    ["a count of 0", { rate: 1, kinds: ["500"], count: 0 }],
    ["a fractional count", { rate: 1, kinds: ["500"], count: 1.5 }],
  ])("rejects a fault config with %s (400)", async (_what, config) => {
    const response = await controlClient(emulator()).put("/faults", config);
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 400000, message: expect.any(String) });
  });
});

describe("seeded determinism", () => {
  async function run(config: FaultConfig): Promise<(number | string)[]> {
    await setFaults(config);
    const api = bearerClient(emulator());
    const outcomes: (number | string)[] = [];
    for (let i = 0; i < 40; i += 1) {
      outcomes.push(
        await api.get("/livechat/webhooks").then(
          (response) => response.status,
          (error: { code: string }) => error.code,
        ),
      );
    }
    return outcomes;
  }

  const config: FaultConfig = { rate: 0.5, kinds: ["500", "503", "429", "reset"], seed: 1234 };

  it("the same seed gives the same sequence of faults", async () => {
    const first = await run(config);
    const second = await run(config);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500, 503, 429, "ECONNRESET"]));
  });

  it("another seed gives another sequence", async () => {
    expect(await run({ ...config, seed: 99 })).not.toEqual(await run(config));
  });

  it("without a seed, the answer reports the seed used so the run can be replayed", async () => {
    const { seed } = await setFaults({ rate: 0.5, kinds: ["500"] });
    expect(Number.isInteger(seed)).toBe(true);
    const first = await run({ rate: 0.5, kinds: ["500"], seed });
    expect(await run({ rate: 0.5, kinds: ["500"], seed })).toEqual(first);
  });
});

describe("lateCommit: a request applied after the client's timeout", () => {
  const lateCommitMs = 800;

  it("a POST the client gave up on is applied exactly once, lateCommitMs after it arrived", async () => {
    await setFaults({ rate: 1, kinds: ["lateCommit"], lateCommitMs, count: 1 });
    const sent = Date.now();
    await expect(
      bearerClient(emulator()).post("/livechat/webhooks", sampleWebhook, { timeout: 200 }),
    ).rejects.toMatchObject({ code: "ECONNABORTED" });
    expect(emulator().control.webhooks(siteId)).toEqual([]);

    await sleep(lateCommitMs - 150 - (Date.now() - sent));
    expect(emulator().control.webhooks(siteId)).toEqual([]);
    await sleep(lateCommitMs + 300 - (Date.now() - sent));
    expect(emulator().control.webhooks(siteId)).toEqual([
      { id: expect.stringMatching(upperGuid), ...sampleWebhook },
    ]);
    expect(await lastEntry()).toMatchObject({ method: "POST", status: null, fault: "lateCommit" });

    await sleep(lateCommitMs);
    expect(emulator().control.webhooks(siteId)).toHaveLength(1);
    expect((await bearerClient(emulator()).get("/livechat/webhooks")).status).toBe(200);
  });

  it("a patient client gets the normal 201 answer once the POST is applied", async () => {
    await setFaults({ rate: 1, kinds: ["lateCommit"], lateCommitMs });
    const sent = Date.now();
    const response = await createSample(emulator());
    expect(Date.now() - sent).toBeGreaterThanOrEqual(lateCommitMs - 10);
    expect(response.status).toBe(201);
    expect(response.data).toEqual({ id: expect.stringMatching(upperGuid), ...sampleWebhook });
    expect(emulator().control.webhooks(siteId)).toEqual([response.data]);
    expect(await lastEntry()).toMatchObject({ method: "POST", status: 201, fault: "lateCommit" });
  });

  it("applies other methods late too, and answers rejected requests late", async () => {
    const created = (await createSample(emulator())).data;
    await setFaults({ rate: 1, kinds: ["lateCommit"], lateCommitMs: 200 });
    const api = bearerClient(emulator());
    const changes = { event: "chatEnds", targetUrl: "https://changed.example" };
    const sent = Date.now();
    expect((await api.put(`/livechat/webhooks/${created.id}`, changes)).data).toEqual({
      id: created.id,
      ...changes,
    });
    expect((await api.get("/livechat/webhooks")).data).toEqual([{ id: created.id, ...changes }]);
    expect((await api.delete(`/livechat/webhooks/${created.id}`)).status).toBe(204);
    expect((await bearerClient(emulator(), "wrong").get("/livechat/webhooks")).status).toBe(401);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(4 * 200 - 10);
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it("waits 1500 ms when lateCommitMs is not given", () => {
    const faults = new FaultInjector();
    faults.set({ rate: 1, kinds: ["lateCommit"], slowMs: 50 });
    expect(faults.decide("POST")).toEqual({ kind: "lateCommit", delayMs: 1500 });
  });

  it("closing the emulator abandons a pending late commit", async () => {
    const running = await startEmulator();
    running.control.setFaults({ rate: 1, kinds: ["lateCommit"], lateCommitMs: 300 });
    const pending = createSample(running).catch((error: { code: string }) => error.code);
    await sleep(100);
    await running.close();
    expect(await pending).toBe("ECONNRESET");
    await sleep(400);
    expect(running.control.webhooks(siteId)).toEqual([]);
  });
});
