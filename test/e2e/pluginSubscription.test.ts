import { describe, expect, it } from "vitest";
import { secondAccount } from "../../emulator";
import { createComm100Stack, webhookResources, type Comm100Stack } from "../support/comm100Stack";
import { route, siteId } from "../support/emulatorTestBed";
import {
  configureSecondSite,
  pluginDir,
  secondSiteConfig,
  secondSiteProvider,
  pluginProgram,
  subscriptionProgram,
  type DeclaredSubscription,
} from "../support/pluginPrograms";

const subscriptionType = "comm100:index:WebhookSubscription";
const targetUrl = "https://hooks.example.com/crm";
const up = ["up", "--yes", "--skip-preview", "--non-interactive"];

/** Runs `pulumi up`, expecting it to succeed without an error; resolves to its output. */
async function deploy(test: Comm100Stack): Promise<string> {
  const result = await test.cli(up);
  expect(result.stderr + result.stdout).not.toMatch(/error:/);
  expect(result.code).toBe(0);
  return result.stdout;
}

/** A preview that must find nothing to change and make no API call. */
async function expectClean(test: Comm100Stack): Promise<void> {
  test.resetCalls();
  const preview = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
  expect(preview.stdout + preview.stderr).not.toMatch(/error:/);
  expect(preview.code).toBe(0);
  expect(test.calls()).toBe(0);
}

/** The webhook id of each event, as the account holds them. */
function remoteIds(test: Comm100Stack): Record<string, string> {
  return Object.fromEntries(test.remoteWebhooks().map((hook) => [hook.event, hook.id]));
}

/** The ids of the webhooks the API was asked to delete since the last `resetCalls()`. */
function deletedIds(test: Comm100Stack): string[] {
  return test.emulator.control
    .requests()
    .entries.filter((entry) => entry.method === "DELETE")
    .map((entry) => /\/livechat\/webhooks\/([^/?]+)/.exec(entry.url)?.[1] ?? entry.url);
}

/** The subscription `crm` of the stack's state: its outputs and its webhooks' names and parents. */
async function stateOf(test: Comm100Stack) {
  const state = JSON.parse(await test.exportState());
  const resources = state.deployment.resources as {
    urn: string;
    type: string;
    parent?: string;
    outputs: Record<string, unknown>;
  }[];
  const component = resources.find((resource) => resource.type === subscriptionType);
  const webhooks = await webhookResources(test, "comm100:index:Webhook");
  return {
    webhookIds: component?.outputs.webhookIds,
    children: webhooks.map((webhook) => ({
      name: webhook.urn.split("::").pop(),
      parent: resources.find((resource) => resource.urn === webhook.urn)?.parent,
      id: webhook.id,
    })),
    componentUrn: component?.urn,
  };
}

describe.each(["yaml", "python"] as const)(
  "comm100:index:WebhookSubscription from a %s program",
  (runtime) => {
    it("makes one webhook per event, then adds and removes events one webhook at a time", async () => {
      const crm = (events: string[]): DeclaredSubscription => ({ targetUrl, events });
      const test = await createComm100Stack(`plugin-subscription-${runtime}`, {
        runtime,
        pluginDir,
        program: subscriptionProgram(runtime, { crm: crm(["chatStarts", "chatEnds"]) }),
      });

      // 1. Two events: two webhooks, one POST each, named <name>-<event> under the component.
      await deploy(test);
      expect(test.callsByRoute()).toEqual({ [route.list]: 1, [route.create]: 2 });
      expect(test.remoteWebhooks()).toEqual(
        expect.arrayContaining([
          { id: expect.any(String), event: "chatStarts", targetUrl },
          { id: expect.any(String), event: "chatEnds", targetUrl },
        ]),
      );
      expect(test.remoteWebhooks()).toHaveLength(2);
      const first = remoteIds(test);
      expect((await test.outputs()).crmIds.value).toEqual(first);
      const state = await stateOf(test);
      expect(state.webhookIds).toEqual(first);
      expect(state.children).toEqual(
        expect.arrayContaining(
          ["chatStarts", "chatEnds"].map((event) => ({
            name: `crm-${event}`,
            parent: state.componentUrn,
            id: first[event],
          })),
        ),
      );
      await expectClean(test);

      // 2. A third event: exactly its POST; the others keep their ids, no PUT, no DELETE.
      test.writeProgram(
        subscriptionProgram(runtime, { crm: crm(["chatStarts", "chatEnds", "chatIsWrappedUp"]) }),
      );
      test.resetCalls();
      expect(await deploy(test)).toContain("1 created");
      expect(test.callsByRoute()).toEqual({ [route.list]: 1, [route.create]: 1 });
      const second = remoteIds(test);
      expect(second).toMatchObject(first);
      expect(Object.keys(second)).toHaveLength(3);
      expect((await test.outputs()).crmIds.value).toEqual(second);
      await expectClean(test);

      // 3. An event removed: exactly the DELETE of its webhook; the others are untouched.
      test.writeProgram(
        subscriptionProgram(runtime, { crm: crm(["chatEnds", "chatIsWrappedUp"]) }),
      );
      test.resetCalls();
      expect(await deploy(test)).toContain("1 deleted");
      expect(test.callsByRoute()).toEqual({ [route.delete]: 1 });
      expect(deletedIds(test)).toEqual([first.chatStarts]);
      const kept = { chatEnds: second.chatEnds, chatIsWrappedUp: second.chatIsWrappedUp };
      expect(remoteIds(test)).toEqual(kept);
      expect((await stateOf(test)).webhookIds).toEqual(kept);
      await expectClean(test);

      // 4. destroy empties the account.
      const destroy = await test.cli(["destroy", "--yes", "--non-interactive"]);
      expect(destroy.code).toBe(0);
      expect(test.remoteWebhooks()).toEqual([]);
    });
  },
);

describe("comm100:index:WebhookSubscription in a YAML program", () => {
  const yaml = { runtime: "yaml", pluginDir } as const;

  it("takes over a top-level webhook listed in webhookAliases, with no API write", async () => {
    const test = await createComm100Stack("plugin-subscription-alias", {
      ...yaml,
      program: pluginProgram("yaml", { hook: { event: "chatStarts", targetUrl } }),
    });
    await deploy(test);
    const [before] = test.remoteWebhooks();

    test.writeProgram(
      subscriptionProgram("yaml", {
        crm: {
          targetUrl,
          events: ["chatStarts"],
          webhookAliases: {
            chatStarts: ["urn:pulumi:test::plugin-subscription-alias::comm100:index:Webhook::hook"],
          },
        },
      }),
    );
    test.resetCalls();
    const moved = await deploy(test);
    // Only the component is new; the webhook moves under it, unchanged.
    expect(moved).toMatch(/\+ 1 created\n\s+2 unchanged\n/);
    expect(moved).not.toMatch(/comm100:index:Webhook .*(creating|deleting|updating)/);
    expect(test.callsByRoute()).toEqual({});
    expect(test.remoteWebhooks()).toEqual([before]);
    const state = await stateOf(test);
    expect(state.children).toEqual([
      { name: "crm-chatStarts", parent: state.componentUrn, id: before.id },
    ]);
    expect(state.webhookIds).toEqual({ chatStarts: before.id });
  });

  it("adopts the webhook adoptIds names for its event instead of creating one; --replace of it deletes first", async () => {
    const test = await createComm100Stack("plugin-subscription-adopt", { ...yaml, program: "" });
    const existing = test.emulator.control.createWebhook(siteId, {
      event: "chatEnds",
      targetUrl: "https://hooks.example.com/old",
    });
    test.writeProgram(
      subscriptionProgram("yaml", {
        crm: { targetUrl, events: ["chatStarts", "chatEnds"], adoptIds: { chatEnds: existing.id } },
      }),
    );
    test.resetCalls();
    await deploy(test);
    // The adopted webhook is updated to the subscription's target, never recreated.
    expect(test.callsByRoute()[route.create]).toBe(1);
    expect(test.callsByRoute()[route.delete]).toBeUndefined();
    expect(test.remoteWebhooks()).toContainEqual({ id: existing.id, event: "chatEnds", targetUrl });
    expect(test.remoteWebhooks()).toHaveLength(2);
    expect((await test.outputs()).crmIds.value).toEqual(remoteIds(test));
    await expectClean(test);

    // `pulumi up --replace` of one of its webhooks: deleted first, then made anew, never doubled.
    const child = `urn:pulumi:test::plugin-subscription-adopt::${subscriptionType}$comm100:index:Webhook::crm-chatEnds`;
    test.resetCalls();
    const replaced = await test.cli([...up, "--replace", child]);
    expect(replaced.stdout).toContain("1 replaced");
    expect(deletedIds(test)).toEqual([existing.id]);
    const after = test.remoteWebhooks().find((hook) => hook.event === "chatEnds");
    expect(after).toEqual({
      id: expect.not.stringMatching(existing.id),
      event: "chatEnds",
      targetUrl,
    });
    expect(test.remoteWebhooks()).toHaveLength(2);
    await expectClean(test);
  });

  it("makes its webhooks with the explicit provider given to it", async () => {
    const test = await createComm100Stack("plugin-subscription-provider", {
      ...yaml,
      program: [
        "resources:",
        ...secondSiteProvider,
        "  crm:",
        `    type: ${subscriptionType}`,
        "    properties:",
        `      targetUrl: ${targetUrl}`,
        "      events: [chatStarts, chatEnds]",
        "    options:",
        "      provider: ${secondSite}",
        ...secondSiteConfig,
        "",
      ].join("\n"),
    });
    await configureSecondSite(test, test.emulator.baseUrl);

    await deploy(test);
    expect(test.remoteWebhooks()).toEqual([]);
    const there = test.emulator.control.webhooks(secondAccount.siteId);
    expect(there.map((hook) => hook.event).sort()).toEqual(["chatEnds", "chatStarts"]);
    await expectClean(test);
    expect((await test.cli(["destroy", "--yes", "--non-interactive"])).code).toBe(0);
    expect(test.emulator.control.webhooks(secondAccount.siteId)).toEqual([]);
  });

  it("refuses a bad subscription in the program's terms, with no API call", async () => {
    const test = await createComm100Stack("plugin-subscription-bad", {
      ...yaml,
      program: subscriptionProgram("yaml", {
        crm: { targetUrl, events: ["chatStarts"], adoptIds: { chatEnds: siteId } },
      }),
    });
    const preview = await test.cli(["preview", "--non-interactive"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain(
      `${subscriptionType} "crm": adoptIds names "chatEnds", which is not one of its events ` +
        "(chatStarts): key adoptIds by the subscribed events",
    );

    test.writeProgram(
      subscriptionProgram("yaml", { crm: { targetUrl, events: ["chatStarts", "chatStarts"] } }),
    );
    const twice = await test.cli(["preview", "--non-interactive"]);
    expect(twice.code).not.toBe(0);
    expect(twice.stdout + twice.stderr).toContain(
      `${subscriptionType} "crm": events lists "chatStarts" twice: list each event once`,
    );
    expect(test.calls()).toBe(0);
  });
});
