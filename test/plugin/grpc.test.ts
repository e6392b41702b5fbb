import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultToken } from "../../emulator";
import { secret } from "../../provider/plugin/serverWorkarounds";
import { unknownValue } from "../../provider/core/engine/unknownValue";
import { startPlugin, type PluginProcess } from "../support/pluginProcess";
import { route, siteId, upperGuid, useEmulator } from "../support/emulatorTestBed";

const emulator = useEmulator();
const chatStarts = { event: "chatStarts", targetUrl: "https://crm.example.com/comm100/starts" };
const diffNone = 1;
const diffSome = 2;
let plugin: PluginProcess;

beforeAll(async () => {
  plugin = await startPlugin();
});
afterAll(async () => {
  await plugin.close();
});
beforeEach(async () => {
  await plugin.configure({ baseUrl: emulator().baseUrl, accessToken: secret(defaultToken) });
});

function calls(): Record<string, number> {
  const { counts } = emulator().control.requests();
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

/** A secret as the plugin returns it. */
const secretOf = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

describe("pulumi-resource-comm100 over gRPC", () => {
  it("serves the committed schema", async () => {
    const schema = JSON.parse(await plugin.getSchema());
    expect(schema.name).toBe("comm100");
    expect(Object.keys(schema.resources)).toEqual([
      "comm100:index:Webhook",
      "comm100:index:AccountGuard",
      "comm100:index:WebhookSubscription",
    ]);
  });

  it("check names each bad property and makes no API call", async () => {
    const { failures } = await plugin.check({ event: "chatStart", targetUrl: "ftp://x" });
    expect(failures.map((failure) => failure.property)).toEqual(["", ""]);
    expect(failures.map((failure) => failure.reason.split(" ")[0])).toEqual(["event", "targetUrl"]);
    expect(failures[0].reason).toContain('did you mean "chatStarts"?');
    expect(calls()).toEqual({});
  });

  it("check lets values unknown at preview pass, and keeps the inputs' secret marks", async () => {
    const news = { event: unknownValue, targetUrl: secret(chatStarts.targetUrl) };
    const { inputs, failures } = await plugin.check(news);
    expect(failures).toEqual([]);
    expect(inputs).toEqual(news);
  });

  it("creates, reads, updates and deletes, recording the account as a secret", async () => {
    const created = await plugin.create({ ...chatStarts, targetUrl: secret(chatStarts.targetUrl) });
    expect(created.id).toMatch(upperGuid);
    expect(created.properties).toEqual({
      event: "chatStarts",
      targetUrl: secretOf(chatStarts.targetUrl),
      account: secretOf({ baseUrl: emulator().baseUrl, accessToken: defaultToken }),
    });
    expect(emulator().control.webhooks(siteId)).toEqual([{ id: created.id, ...chatStarts }]);

    const state = { ...chatStarts, account: created.properties.account };
    expect(await plugin.diff(created.id, state, chatStarts)).toEqual({
      changes: diffNone,
      replaces: [],
    });
    const moved = { ...chatStarts, targetUrl: "https://crm.example.com/comm100/moved" };
    expect(await plugin.diff(created.id, state, moved)).toEqual({
      changes: diffSome,
      replaces: [],
    });

    const updated = await plugin.update(created.id, state, moved);
    expect(updated.targetUrl).toBe(moved.targetUrl);
    expect(emulator().control.webhooks(siteId)).toEqual([{ id: created.id, ...moved }]);

    // `pulumi destroy` is another command: another plugin process.
    await plugin.close();
    plugin = await startPlugin();
    await plugin.configure({ baseUrl: emulator().baseUrl, accessToken: secret(defaultToken) });
    await plugin.delete(created.id, { ...moved, account: updated.account });
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it("reads a webhook without properties, as `pulumi import` does, and gives its inputs", async () => {
    const made = emulator().control.createWebhook(siteId, chatStarts);
    const read = await plugin.read(made.id);
    expect(read.id).toBe(made.id);
    expect(read.inputs).toEqual(chatStarts);
    expect(read.properties).toEqual({ ...chatStarts, account: expect.objectContaining({}) });
    expect(read.properties.account).toEqual(
      secretOf({ baseUrl: emulator().baseUrl, accessToken: defaultToken }),
    );
  });

  it("refuses to create a second identical webhook, saying how to adopt the first", async () => {
    const made = emulator().control.createWebhook(siteId, chatStarts);
    await expect(plugin.create(chatStarts)).rejects.toThrow(`adoptId: "${made.id}"`);
    expect(emulator().control.webhooks(siteId)).toHaveLength(1);
  });

  it("answers getWebhooks and getWebhook with one API call each", async () => {
    const made = emulator().control.createWebhook(siteId, chatStarts);
    emulator().control.createWebhook(siteId, { ...chatStarts, event: "chatEnds" });
    emulator().control.clearRequests();

    const listed = await plugin.invoke("comm100:index:getWebhooks", { event: "chatStarts" });
    expect(listed.outputs).toEqual({ webhooks: [made] });
    const one = await plugin.invoke("comm100:index:getWebhook", { id: made.id });
    expect(one.outputs).toEqual(made);
    expect(calls()).toEqual({ [route.list]: 1, [route.get]: 1 });
  });

  it("fails a rejected token with the status and the fix, never the token", async () => {
    await plugin.configure({
      baseUrl: emulator().baseUrl,
      accessToken: secret("wrong-token-8c1f"),
    });
    const error = await plugin.create(chatStarts).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain("HTTP 401");
    expect(error?.message).not.toContain("wrong-token-8c1f");
    expect(plugin.stderr()).not.toContain("wrong-token-8c1f");
  });
});
