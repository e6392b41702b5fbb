import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type EmulatorOptions,
  type RunningEmulator,
  secondAccount,
  startEmulator,
} from "../../emulator";
import { bearerClient, sampleWebhook, siteId } from "../support/emulatorTestBed";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "comm100-emulator-"));
  dirs.push(dir);
  return dir;
}

async function withEmulator<T>(
  options: EmulatorOptions,
  use: (running: RunningEmulator) => Promise<T>,
): Promise<T> {
  const running = await startEmulator(options);
  try {
    return await use(running);
  } finally {
    await running.close();
  }
}

describe("persistence (dataFile)", () => {
  it("keeps webhooks across a restart and writes atomically, leaving no temp file", async () => {
    const dir = tempDir();
    const dataFile = join(dir, "webhooks.json");

    const kept = await withEmulator({ dataFile }, async (running) => {
      const api = bearerClient(running);
      const first = (await api.post("/livechat/webhooks", sampleWebhook)).data;
      const second = (await api.post("/livechat/webhooks", sampleWebhook)).data;
      await api.put(`/livechat/webhooks/${first.id}`, { ...sampleWebhook, event: "chatEnds" });
      await api.delete(`/livechat/webhooks/${second.id}`);
      running.control.createWebhook(secondAccount.siteId, sampleWebhook);
      return (await api.get("/livechat/webhooks")).data;
    });
    expect(kept).toEqual([expect.objectContaining({ event: "chatEnds" })]);
    expect(readdirSync(dir)).toEqual(["webhooks.json"]);
    expect(Object.keys(JSON.parse(readFileSync(dataFile, "utf8")).sites)).toEqual([
      siteId,
      secondAccount.siteId,
    ]);

    await withEmulator({ dataFile }, async (running) => {
      expect((await bearerClient(running).get("/livechat/webhooks")).data).toEqual(kept);
      expect(running.control.webhooks(secondAccount.siteId)).toHaveLength(1);
    });
  });

  it("is in memory by default: a restart starts empty", async () => {
    await withEmulator({}, (running) =>
      bearerClient(running).post("/livechat/webhooks", sampleWebhook),
    );
    await withEmulator({}, async (running) => {
      expect((await bearerClient(running).get("/livechat/webhooks")).data).toEqual([]);
    });
  });

  it("refuses to start on a corrupt data file, naming it", async () => {
    const dataFile = join(tempDir(), "webhooks.json");
    writeFileSync(dataFile, JSON.stringify({ sites: { [siteId]: [{ id: 1 }] } }));
    await expect(startEmulator({ dataFile })).rejects.toThrow(dataFile);
  });
});
