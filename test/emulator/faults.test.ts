import { describe, expect, it } from "vitest";
import type { FaultConfig, RunningEmulator } from "./index";
import { bearerClient, controlClient, sampleWebhook, useEmulator } from "./helpers";

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
      expect(emulator().control.webhooks("10000")).toEqual([]);
      expect(await lastEntry()).toMatchObject({ method: "POST", status, fault: kind });
    },
  );

  it("429 answers 429 with Retry-After: 1 and does not apply the request", async () => {
    await setFaults({ rate: 1, kinds: ["429"] });
    const response = await createSample(emulator());
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("1");
    expect(emulator().control.webhooks("10000")).toEqual([]);
  });

  it("reset drops the connection before processing: the webhook is not created", async () => {
    await setFaults({ rate: 1, kinds: ["reset"] });
    await expect(createSample(emulator())).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(emulator().control.webhooks("10000")).toEqual([]);
    expect(await lastEntry()).toMatchObject({ method: "POST", status: null, fault: "reset" });
  });

  it("lostResponse creates the webhook, yet the client only sees a dropped connection", async () => {
    await setFaults({ rate: 1, kinds: ["lostResponse"] });
    await expect(createSample(emulator())).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(emulator().control.webhooks("10000")).toEqual([expect.objectContaining(sampleWebhook)]);
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
    expect(emulator().control.webhooks("10000")).toEqual([{ id: created.id, ...changes }]);
    await expect(api.delete(`/livechat/webhooks/${created.id}`)).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(emulator().control.webhooks("10000")).toEqual([]);
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

  it("rate 0 never injects, and DELETE /__control/faults turns faults off", async () => {
    await setFaults({ rate: 0, kinds: ["500"] });
    expect((await createSample(emulator())).status).toBe(201);
    await setFaults({ rate: 1, kinds: ["500"] });
    expect((await controlClient(emulator()).delete("/faults")).status).toBe(204);
    expect((await createSample(emulator())).status).toBe(201);
  });

  it("never touches the control interface", async () => {
    await setFaults({ rate: 1, kinds: ["reset"] });
    expect((await controlClient(emulator()).get("/accounts/10000/webhooks")).status).toBe(200);
  });

  it.each([
    ["a rate above 1", { rate: 1.5, kinds: ["500"] }],
    ["an unknown kind", { rate: 1, kinds: ["boom"] }],
    ["no kinds", { rate: 1 }],
    ["a negative slowMs", { rate: 1, kinds: [], slowMs: -1 }],
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
