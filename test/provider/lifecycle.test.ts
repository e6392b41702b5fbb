import { describe, expect, it } from "vitest";
import { delete as deleteWebhook, read, update } from "../../provider/dynamic/processLifecycle";
import type { WebhookInputs } from "../../provider/core/lifecycle/webhookLifecycle";
import { defaultAdmin } from "../../emulator";
import { missingId, route, siteId, upperGuid } from "../support/emulatorTestBed";
import {
  apiKey,
  chatEnds,
  chatStarts,
  createWebhook,
  newProviderProcess,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

const bed = useProviderTestBed();

describe("the success path", () => {
  it("creates, reads, updates, reads and deletes a webhook with one API call per change", async () => {
    const created = await createWebhook(chatStarts);
    expect(created.id).toMatch(upperGuid);
    expect(created.outs).toEqual(bed.stateOf(chatStarts));
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.create]: 1 });

    bed.clearCalls();
    expect(await read(created.id, created.outs)).toEqual({
      id: created.id,
      props: bed.stateOf(chatStarts),
      inputs: chatStarts,
    });
    expect(bed.calls()).toEqual({});

    bed.clearCalls();
    const changed: WebhookInputs = { event: "chatEnds", targetUrl: "https://crm.example.com/ends" };
    const updated = await update(created.id, created.outs, changed);
    expect(updated.outs).toEqual(bed.stateOf(changed));
    expect(bed.remote()).toEqual([{ id: created.id, ...changed }]);
    // The run's list answer shows that no other webhook has these values: no call but the PUT.
    expect(bed.calls()).toEqual({ [route.update]: 1 });

    bed.clearCalls();
    expect(await read(created.id, bed.stateOf(changed))).toEqual({
      id: created.id,
      props: bed.stateOf(changed),
      inputs: changed,
    });
    expect(bed.calls()).toEqual({});

    // The next run, which no longer declares it, deletes it.
    await newProviderProcess();
    bed.clearCalls();
    await deleteWebhook(created.id, bed.stateOf(changed));
    expect(bed.remote()).toEqual([]);
    expect(bed.calls()).toEqual({ [route.delete]: 1 });
  });

  it("a refresh in a new provider process reads a webhook with one list call", async () => {
    const created = await createWebhook(chatStarts);
    await newProviderProcess();
    bed.clearCalls();

    expect(await read(created.id, created.outs)).toEqual({
      id: created.id,
      props: bed.stateOf(chatStarts),
      inputs: chatStarts,
    });
    expect(bed.calls()).toEqual({ [route.list]: 1 });
  });

  it("a read after the process deleted the webhook confirms it is gone with one GET", async () => {
    const created = await createWebhook(chatStarts);
    await newProviderProcess();
    await read(created.id, created.outs);
    await deleteWebhook(created.id, created.outs);
    bed.clearCalls();

    expect(await read(created.id, created.outs)).toEqual({});
    expect(bed.calls()).toEqual({ [route.get]: 1 });
  });

  it("changing the event or the target URL updates the webhook in place, keeping its id", async () => {
    const created = await createWebhook(chatStarts);
    const newEvent = { ...chatStarts, event: "chatIsTransferred" } as const;
    const newUrl = { ...newEvent, targetUrl: "https://other.example.com/hook" };

    expect((await update(created.id, chatStarts, newEvent)).outs).toEqual(bed.stateOf(newEvent));
    expect(bed.remote()).toEqual([{ id: created.id, ...newEvent }]);
    expect((await update(created.id, newEvent, newUrl)).outs).toEqual(bed.stateOf(newUrl));
    expect(bed.remote()).toEqual([{ id: created.id, ...newUrl }]);
  });

  it("creates several different webhooks in one process with a single list call", async () => {
    const [first, second] = await Promise.all([createWebhook(chatStarts), createWebhook(chatEnds)]);
    expect(first.id).not.toBe(second.id);
    expect(bed.remote()).toHaveLength(2);
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.create]: 2 });
  });
});

describe("authentication", () => {
  it("works end to end with an agent's API key (HTTP Basic plus siteId)", async () => {
    const connection = apiKey(bed.emulator(), defaultAdmin);
    const inputs: WebhookInputs = { ...chatStarts, connection };

    const created = await createWebhook(inputs);
    expect(created.outs).toEqual(bed.stateOf(inputs));
    await newProviderProcess();
    expect(await read(created.id, created.outs)).toMatchObject({ id: created.id, props: inputs });
    const changed = { ...inputs, event: "chatEnds" } as const;
    await update(created.id, created.outs, changed);
    await newProviderProcess();
    expect(bed.remote()).toEqual([
      { id: created.id, event: "chatEnds", targetUrl: inputs.targetUrl },
    ]);
    await deleteWebhook(created.id, changed);
    expect(bed.remote()).toEqual([]);

    const { entries } = bed.emulator().control.requests();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry).toMatchObject({ siteId, status: expect.any(Number) });
      expect(entry.url).toContain(`siteId=${siteId}`);
      expect(entry.status).toBeLessThan(300);
    }
  });

  it("works end to end with a Bearer access token", async () => {
    const created = await createWebhook(chatStarts);
    await update(created.id, chatStarts, chatEnds);
    await newProviderProcess();
    await deleteWebhook(created.id, bed.stateOf(chatEnds));

    const { entries } = bed.emulator().control.requests();
    expect(entries.map((entry) => [entry.method, entry.status, entry.siteId])).toEqual([
      ["GET", 200, siteId],
      ["POST", 201, siteId],
      ["PUT", 200, siteId],
      ["DELETE", 204, siteId],
    ]);
  });
});

describe("read", () => {
  it("returns inputs equal to props, so that an imported or refreshed resource has no diff", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const result = await read(existing.id, {});
    expect(result).toEqual({ id: existing.id, props: bed.stateOf(chatStarts), inputs: chatStarts });
  });

  it("keeps the program's spelling of a target URL Comm100 spells differently but equivalently", async () => {
    const program = { event: "chatStarts", targetUrl: "https://crm.example.com/" } as const;
    const existing = bed.emulator().control.createWebhook(siteId, {
      event: "chatStarts",
      targetUrl: "https://CRM.Example.COM",
    });

    const result = await read(existing.id, program);
    expect(result.props).toEqual(bed.stateOf(program));
    expect(result.inputs).toEqual(program);
  });

  it("reports a target URL or event changed outside Pulumi", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    bed.emulator().control.updateWebhook(siteId, existing.id, {
      event: "chatEnds",
      targetUrl: "https://elsewhere.example.com/hook",
    });

    expect((await read(existing.id, chatStarts)).props).toEqual(
      bed.stateOf({ event: "chatEnds", targetUrl: "https://elsewhere.example.com/hook" }),
    );
  });

  it("keeps the stored id when Comm100 returns the id in another letter case", async () => {
    const storedId = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
    bed.emulator().control.createWebhook(siteId, chatStarts, storedId.toLowerCase());

    expect((await read(storedId, chatStarts)).id).toBe(storedId);

    const upperCased = bed.emulator().control.createWebhook(siteId, chatEnds);
    await newProviderProcess();
    const lowerId = upperCased.id.toLowerCase();
    expect((await read(lowerId, chatEnds)).id).toBe(lowerId);
  });

  it("keeps connection and adoptId in the state it returns", async () => {
    const connection = apiKey(bed.emulator(), defaultAdmin);
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const props = { ...chatStarts, connection, adoptId: existing.id };

    expect(await read(existing.id, props)).toEqual({
      id: existing.id,
      props: bed.stateOf(props),
      inputs: props,
    });
  });

  it("answers 20 concurrent reads (a refresh) with exactly one list call", async () => {
    const existing = [chatStarts, chatEnds].map((fields) =>
      bed.emulator().control.createWebhook(siteId, fields),
    );
    const ids = Array.from({ length: 20 }, (_, index) => existing[index % 2].id);

    const results = await Promise.all(ids.map((id) => read(id, {})));
    expect(results.map((result) => result.id)).toEqual(ids);
    expect(results[0].props).toEqual(bed.stateOf(chatStarts));
    expect(results[1].props).toEqual(bed.stateOf(chatEnds));
    expect(bed.calls()).toEqual({ [route.list]: 1 });
  });

  it("confirms an id missing from the list with one GET and drops it from the refresh", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const ids = [...Array.from({ length: 19 }, () => existing.id), missingId];

    const results = await Promise.all(ids.map((id) => read(id, chatStarts)));
    expect(results.slice(0, 19).every((result) => result.id === existing.id)).toBe(true);
    expect(results[19]).toEqual({});
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.get]: 1 });
  });
});

describe("adoption with adoptId", () => {
  it("adopts an existing webhook with other values by one PUT, keeping its id, creating nothing", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, {
      event: "chatIsRequested",
      targetUrl: "https://old.example.com/hook",
    });

    const adopted = await createWebhook({ ...chatStarts, adoptId: existing.id });
    expect(adopted).toEqual({
      id: existing.id,
      outs: bed.stateOf({ ...chatStarts, adoptId: existing.id }),
    });
    expect(bed.remote()).toEqual([{ id: existing.id, ...chatStarts }]);
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.update]: 1 });
  });

  it("adopts an existing webhook that already has the declared values without any write", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);

    const adopted = await createWebhook({ ...chatStarts, adoptId: existing.id });
    expect(adopted.id).toBe(existing.id);
    expect(bed.remote()).toEqual([existing]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
  });

  it("fails clearly on an adoptId Comm100 does not know, creating nothing", async () => {
    bed.emulator().control.createWebhook(siteId, chatEnds);

    const error = await rejectionOf(createWebhook({ ...chatStarts, adoptId: missingId }));
    expect(error.message).toContain(`adoptId ${missingId}`);
    expect(error.message).toContain(
      `the access token's site at ${bed.emulator().baseUrl} has no webhook with this id`,
    );
    expect(error.message).toContain("remove adoptId");
    expect(bed.remote()).toHaveLength(1);
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.get]: 1 });
  });
});
