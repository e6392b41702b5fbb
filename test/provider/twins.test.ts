import { describe, expect, it } from "vitest";
import { Session } from "../../provider/core/lifecycle/session";
import { WebhookLifecycle } from "../../provider/core/lifecycle/webhookLifecycle";
import { dynamicDoor } from "../../provider/dynamic/dynamicDoor";
import type { WebhookFields } from "../../provider/core/webhook/webhookFields";
import { defaultToken } from "../../emulator";
import { siteId, useEmulator } from "../support/emulatorTestBed";

const emulator = useEmulator();
const twinFields: WebhookFields = {
  event: "chatStarts",
  targetUrl: "https://crm.example.com/s3cret/start",
};

/** A lifecycle of a fresh process whose stack config reaches the emulator, with `extra` set. */
function lifecycle(extra: Record<string, string> = {}): WebhookLifecycle {
  const session = new Session({ env: {} });
  const config: Record<string, string> = {
    "comm100:baseUrl": emulator().baseUrl,
    "comm100:accessToken": defaultToken,
    "comm100:retryBaseDelayMs": "1",
    ...extra,
  };
  session.configure((key) => config[key]);
  return new WebhookLifecycle(session, dynamicDoor());
}

describe("a webhook with an identical twin in the account", () => {
  it("is adopted by COMM100_ADOPT_EXISTING with a note that it was adopted, naming the twin", async () => {
    const [first, second] = [1, 2].map(() => emulator().control.createWebhook(siteId, twinFields));
    const { id, warnings } = await lifecycle({ "comm100:adoptExisting": "true" }).create(
      twinFields,
    );
    const twin = id === first.id ? second : first;
    expect(warnings).toEqual([
      expect.stringContaining(`Adopted the existing webhook ${id}`),
      expect.stringContaining(`has an identical twin in the access token's site at`),
    ]);
    expect(warnings[1]).toContain(
      `: ${twin.id}. Comm100 delivers every such event once per webhook`,
    );
    expect(warnings.join(" ")).not.toContain("s3cret");
    expect(emulator().control.webhooks(siteId)).toHaveLength(2);
  });

  it("is named when adopted with adoptId, and when read without state (an import)", async () => {
    const [first, second] = [1, 2].map(() => emulator().control.createWebhook(siteId, twinFields));
    const adopted = await lifecycle().create({ ...twinFields, adoptId: first.id });
    expect(adopted.warnings).toEqual([expect.stringContaining(`identical twin`)]);
    expect(adopted.warnings[0]).toContain(second.id);

    const imported = await lifecycle().read(second.id);
    expect(imported.warnings).toEqual([expect.stringContaining(`: ${first.id}. Comm100 delivers`)]);
    const refreshed = await lifecycle().read(second.id, imported.props);
    expect(refreshed.warnings).toEqual([]);
  });

  it("says nothing when the webhook has no twin", async () => {
    const only = emulator().control.createWebhook(siteId, twinFields);
    expect((await lifecycle().read(only.id)).warnings).toEqual([]);
    const created = await lifecycle().create({
      ...twinFields,
      targetUrl: "https://crm.example.com/b",
    });
    expect(created.warnings).toEqual([]);
  });
});
