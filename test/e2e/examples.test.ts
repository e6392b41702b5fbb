import { describe, expect, it } from "vitest";
import { defaultAdmin } from "../../emulator";
import { createComm100Stack, exampleFiles, webhookResources } from "../support/comm100Stack";
import { route, siteId } from "../support/emulatorTestBed";

describe("examples/subscription", () => {
  it("adding or removing one event touches only that event's webhook", async () => {
    const test = await createComm100Stack("subscription", {
      ...exampleFiles("subscription"),
      config: { "subscription:events": "chatStarts,chatEnds" },
    });
    await test.up();
    const first = (await test.outputs()).webhookIds.value;
    expect(Object.keys(first).sort()).toEqual(["chatEnds", "chatStarts"]);
    expect(
      test
        .remoteWebhooks()
        .map((w) => w.event)
        .sort(),
    ).toEqual(["chatEnds", "chatStarts"]);

    await test.stack.setConfig("subscription:events", {
      value: "chatStarts,chatEnds,chatIsWrappedUp",
    });
    test.resetCalls();
    const added = await test.up();
    expect(added.resourceChanges).toEqual({ create: 1, same: 4 });
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.create]: 1,
    });

    await test.stack.setConfig("subscription:events", { value: "chatStarts,chatIsWrappedUp" });
    test.resetCalls();
    const removed = await test.up();
    expect(removed.resourceChanges).toEqual({ delete: 1, same: 4 });
    expect(test.callsByRoute()).toEqual({ [route.delete]: 1 });
    const last = (await test.outputs()).webhookIds.value;
    expect(last.chatStarts).toBe(first.chatStarts);
    expect(
      test
        .remoteWebhooks()
        .map((w) => w.event)
        .sort(),
    ).toEqual(["chatIsWrappedUp", "chatStarts"]);
    const urns = (await webhookResources(test)).map((r) => r.urn.split("::").pop());
    expect(urns.sort()).toEqual(["crm-chatIsWrappedUp", "crm-chatStarts"]);

    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

describe("examples/api-key", () => {
  it("deploys with an agent's API key (HTTP Basic + siteId) kept secret in config", async () => {
    const test = await createComm100Stack("api-key", {
      ...exampleFiles("api-key"),
      noConnectionConfig: true,
      config: {
        "comm100:siteId": siteId,
        "comm100:agentEmail": defaultAdmin.email,
        "comm100:apiKey": { secret: defaultAdmin.apiKey },
      },
    });
    await test.stack.setConfig("comm100:baseUrl", { value: test.emulator.baseUrl });
    await test.up();
    const { webhookId } = await test.outputs();
    expect(test.remoteWebhooks()).toEqual([
      {
        id: webhookId.value,
        event: "offlineMessageIsSubmitted",
        targetUrl: "https://helpdesk.example.com/comm100/offline-messages",
      },
    ]);
    expect(test.emulator.control.requests().entries.every((entry) => entry.siteId === siteId)).toBe(
      true,
    );
    expect(await test.exportState()).not.toContain(defaultAdmin.apiKey);
    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

describe("examples/adopt", () => {
  it("brings a webhook made by hand under management without recreating it", async () => {
    const test = await createComm100Stack("adopt", { ...exampleFiles("adopt") });
    const existing = test.emulator.control.createWebhook(siteId, {
      event: "chatStarts",
      targetUrl: "https://old.example.com/hook",
    });
    await test.stack.setConfig("adopt:existingWebhookId", { value: existing.id.toLowerCase() });

    const up = await test.up();
    expect(up.resourceChanges).toEqual({ create: 2 });
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.update]: 1,
    });
    expect((await test.outputs()).webhookId.value).toBe(existing.id);
    expect(test.remoteWebhooks()).toEqual([
      {
        id: existing.id,
        event: "chatEnds",
        targetUrl: "https://analytics.example.com/comm100/chat-ends",
      },
    ]);

    test.resetCalls();
    await test.stack.preview({ expectNoChanges: true });
    await test.refresh({ expectNoChanges: true });
    await test.destroy();
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.delete]: 1,
    });
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

describe("examples/guard", () => {
  it("deploys two webhooks and a guard that fails on an intruder until removal is opted into", async () => {
    const test = await createComm100Stack("guard-example", exampleFiles("guard"));
    await test.up();
    const analytics = test.emulator.control.createWebhook(siteId, {
      event: "chatEnds",
      targetUrl: "https://eu.analytics.example.com/chat-ended",
    });
    const intruder = test.emulator.control.createWebhook(siteId, {
      event: "chatStarts",
      targetUrl: "https://elsewhere.example.net/collect",
    });

    const refused = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(
      `${intruder.id} (event "chatStarts" to host elsewhere.example.net)`,
    );
    expect(test.remoteWebhooks()).toContainEqual(intruder);

    await test.stack.setConfig("removeUnexpected", { value: "true" });
    await test.up();
    expect(test.remoteWebhooks()).toHaveLength(3);
    expect(test.remoteWebhooks()).toContainEqual(analytics);
    expect(test.remoteWebhooks()).not.toContainEqual(intruder);
    expect((await test.outputs()).unexpected.value).toEqual([]);
    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([analytics]);
  });
});
