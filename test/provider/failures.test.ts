import { describe, expect, it } from "vitest";
import { Comm100ApiError } from "../../provider/core/api/comm100ApiError";
import type { WebhookEvent } from "../../provider/core/webhook/events";
import { delete as deleteWebhook, read, update } from "../../provider/dynamic/processLifecycle";
import type { WebhookInputs } from "../../provider/core/lifecycle/webhookLifecycle";
import { defaultAdmin, defaultViewer } from "../../emulator";
import { basicCredential, route, siteId } from "../support/emulatorTestBed";
import {
  apiKey,
  bearer,
  chatEnds,
  chatStarts,
  configureProvider,
  createWebhook,
  expectNoSecrets,
  newProviderProcess,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

const bed = useProviderTestBed();

const someId = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

describe("a webhook deleted outside Pulumi (404)", () => {
  it("read returns no id, so that refresh drops it from the state", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    bed.emulator().control.deleteWebhook(siteId, existing.id);

    expect(await read(existing.id, chatStarts)).toEqual({});
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.get]: 1 });
  });

  it("update fails with an error telling to refresh, and creates nothing", async () => {
    const created = await createWebhook(chatStarts);
    bed.emulator().control.deleteWebhook(siteId, created.id);
    bed.clearCalls();

    const error = await rejectionOf(update(created.id, chatStarts, chatEnds));
    expect(error.message).toContain(
      `Webhook ${created.id} no longer exists in the access token's site at ${bed.emulator().baseUrl} ` +
        "(deleted outside Pulumi, or made with settings that name another account?)",
    );
    expect(error.message).toContain("run `pulumi refresh` to see where it is, then `pulumi up`");
    expect(bed.calls()).toEqual({ [route.update]: 1 });
    expect(bed.remote()).toEqual([]);
  });

  it("delete succeeds, as the webhook is already gone", async () => {
    const created = await createWebhook(chatStarts);
    bed.emulator().control.deleteWebhook(siteId, created.id);
    await newProviderProcess();
    bed.clearCalls();

    await expect(deleteWebhook(created.id, created.outs)).resolves.toBeUndefined();
    expect(bed.calls()).toEqual({ [route.delete]: 1 });
  });
});

describe("errors Comm100 answers", () => {
  it.each([
    [
      "create",
      () => createWebhook({ ...chatStarts, event: "chatStart" as WebhookEvent }),
      "create webhook",
      "event is not a Comm100 webhook event",
    ],
    [
      "update",
      async () => {
        const created = await createWebhook(chatStarts);
        bed.clearCalls();
        return update(created.id, chatStarts, { ...chatStarts, targetUrl: "not a url" });
      },
      "update webhook",
      "targetUrl contains whitespace",
    ],
  ])(
    "a 400 on %s is one line naming the operation, status, Comm100's code and message and what to do",
    async (_what, call, operation, comm100Message) => {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(Comm100ApiError);
      expect(error).toMatchObject({ operation, status: 400, comm100Code: "400000" });
      expect(error.message).not.toContain("\n");
      expect(error.message).toMatch(
        new RegExp(`^Comm100 API: ${operation} failed: HTTP 400 \\(400000: ${comm100Message}`),
      );
      expect(error.message, "a hint after Comm100's own words says what to do").toMatch(
        /\)\. \S.{10,}$/,
      );
      expect(bed.calls()[operation === "create webhook" ? route.create : route.update]).toBe(1);
    },
  );

  it("a 401 (bad token) names the operation, status, code and message, hints at credentials and data centre, and hides the token", async () => {
    const token = "expired-token-7f3a9c1e5b";
    const error = await rejectionOf(
      createWebhook({ ...chatStarts, connection: bearer(bed.emulator(), token) }),
    );

    expect(error).toMatchObject({ operation: "list webhooks", status: 401, comm100Code: "401000" });
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(
      /^Comm100 API: list webhooks failed: HTTP 401 \(401000: The access token is invalid or has expired\.\)\. /,
    );
    expect(error.message).toContain("Check the credentials");
    expect(error.message).toContain("data centre");
    expectNoSecrets(error, [token]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
    expect(bed.remote()).toEqual([]);
  });

  it("a 401 (bad API key) hides the API key and the Basic credential", async () => {
    const agent = { ...defaultAdmin, apiKey: "wrong-api-key-0c8d2e4f" };
    const error = await rejectionOf(read(someId, { connection: apiKey(bed.emulator(), agent) }));

    expect(error).toMatchObject({ status: 401 });
    expect(error.message).toContain(`not valid for site ${siteId}`);
    expectNoSecrets(error, [agent.apiKey, basicCredential(agent)]);
  });

  it("a 403 for an agent without permission hints at Manage Integration and hides the API key", async () => {
    const connection = apiKey(bed.emulator(), defaultViewer);
    const error = await rejectionOf(createWebhook({ ...chatStarts, connection }));

    expect(error).toMatchObject({ operation: "list webhooks", status: 403, comm100Code: "403000" });
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(
      /^Comm100 API: list webhooks failed: HTTP 403 \(403000: The agent lacks the 'Manage Integration' permission/,
    );
    expect(error.message).toContain('The agent needs the "Manage Integration" permission');
    expectNoSecrets(error, [defaultViewer.apiKey, basicCredential(defaultViewer)]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
  });

  it.each([
    ["read", (inputs: WebhookInputs) => read(someId, inputs)],
    ["update", (inputs: WebhookInputs) => update(someId, chatEnds, inputs)],
    ["delete", (inputs: WebhookInputs) => deleteWebhook(someId, inputs)],
  ])("a 403 on %s is not retried and says what to do", async (_what, call) => {
    const error = await rejectionOf(
      call({ ...chatStarts, connection: apiKey(bed.emulator(), defaultViewer) }),
    );
    expect(error).toMatchObject({ status: 403 });
    expect(error.message).toContain("Manage Integration");
    expect(bed.emulator().control.requests().total).toBe(1);
  });

  it("a quota answer that persists ends with Comm100's message and the quota hint", async () => {
    await configureProvider({ "comm100:maxRetries": "1" });
    bed.failNext(100, "quota");

    const error = await rejectionOf(read(someId, chatStarts));
    expect(error).toMatchObject({ status: 403, comm100Code: "403001" });
    expect(error.message).toContain("HTTP 403 (403001: API quota exceeded");
    expect(error.message).toContain("300 calls per 5 minutes");
    expect(error.message).toContain("wait a few minutes");
    expect(bed.calls()).toEqual({ [route.list]: 2 });
  });

  it("an unreachable API fails with a hint to check the base URL and no credential", async () => {
    const token = "unreachable-token-6b8d0f2a4c";
    const connection = { baseUrl: "http://127.0.0.1:1/v4", accessToken: token };

    const error = await rejectionOf(createWebhook({ ...chatStarts, connection }));
    expect(error.message).toMatch(/^Comm100 API: list webhooks failed: no response: /);
    expect(error.message).toContain("connection refused: check comm100:baseUrl");
    expectNoSecrets(error, [token]);
  });

  it("a connection that cannot be resolved fails before any API call", async () => {
    delete process.env.COMM100_ACCESS_TOKEN;
    const error = await rejectionOf(createWebhook(chatStarts));
    expect(error.message).toContain(
      "Comm100 connection settings from the environment are not usable",
    );
    expect(error.message).toContain("COMM100_ACCESS_TOKEN");
    expect(bed.calls()).toEqual({});
  });
});
