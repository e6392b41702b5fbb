import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestStack, type TestStack } from "../../pulumiProject/isolatedStack";
import { pluginDir } from "../../pulumiProject/paths";
import type { WebhookEvent } from "../../provider/core/webhook/events";
import { pluginProgram } from "../support/pluginPrograms";
import {
  howToRunLive,
  liveClient,
  removeWebhooksOfRun,
  webhooksOfRun,
  type LiveRun,
} from "./liveAccount";

// The engine lifecycle against a real account (or anything that speaks its API), through both
// doors: only what needs no fault injection and no control API. Every webhook is made below the
// run's own target prefix; nothing else of the account is read for assertions or touched.

const live = inject("liveRun");

interface Hook {
  event: WebhookEvent;
  targetUrl: string;
  /** Bring this existing webhook under management (the dynamic door: `adoptId`). */
  adoptId?: string;
}

/** How a door declares webhooks, and how it brings an existing one in. */
interface Door {
  name: string;
  stack(run: LiveRun, project: string, hooks: Record<string, Hook>): Promise<TestStack>;
  program(hooks: Record<string, Hook>): string;
  /** Brings webhook `id` under management as resource `name`. */
  adopt(test: TestStack, name: string, id: string, hook: Hook): Promise<void>;
}

/** The stack config that reaches the live account (credentials as secrets). */
function connectionConfig(run: LiveRun): Record<string, string | { secret: string }> {
  const { baseUrl, credentials } = run.connection;
  return credentials.scheme === "bearer"
    ? { "comm100:baseUrl": baseUrl, "comm100:accessToken": { secret: credentials.accessToken } }
    : {
        "comm100:baseUrl": baseUrl,
        "comm100:agentEmail": credentials.agentEmail,
        "comm100:apiKey": { secret: credentials.apiKey },
        "comm100:siteId": credentials.siteId,
      };
}

const dynamicDoor: Door = {
  name: "Comm100Webhook (TypeScript, dynamic provider)",
  program: (hooks) =>
    [
      'import { Comm100Webhook } from "pulumi-comm100";',
      ...Object.entries(hooks).map(
        ([name, hook]) =>
          `export const ${name}Id = new Comm100Webhook(${JSON.stringify(name)}, ` +
          `${JSON.stringify(hook)} as any).id;`,
      ),
      "",
    ].join("\n"),
  stack: (run, project, hooks) =>
    createTestStack(inject("fixtureRoot"), project, {
      program: dynamicDoor.program(hooks),
      config: connectionConfig(run),
      env: { COMM100_LEDGER_DIR: run.ledgerDir },
    }),
  adopt: async (test, name, id, hook) => {
    test.writeProgram(
      dynamicDoor.program({ ...declared.get(test)!, [name]: { ...hook, adoptId: id } }),
    );
    await test.up();
  },
};

const yamlDoor: Door = {
  name: "comm100:index:Webhook (YAML, provider plugin)",
  program: (hooks) => pluginProgram("yaml", hooks),
  stack: (run, project, hooks) =>
    createTestStack(inject("fixtureRoot"), project, {
      runtime: "yaml",
      pluginDir,
      program: yamlDoor.program(hooks),
      config: connectionConfig(run),
      env: { COMM100_LEDGER_DIR: run.ledgerDir },
    }),
  adopt: async (test, name, id, hook) => {
    const imported = await test.cli([
      "import",
      "comm100:index:Webhook",
      name,
      id,
      "--yes",
      "--non-interactive",
      "--protect=false",
    ]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    test.writeProgram(yamlDoor.program({ ...declared.get(test)!, [name]: hook }));
  },
};

/** What each stack's program declares now, so a door can add to it. */
const declared = new Map<TestStack, Record<string, Hook>>();

function declare(door: Door, test: TestStack, hooks: Record<string, Hook>): void {
  declared.set(test, hooks);
  test.writeProgram(door.program(hooks));
}

/** The webhooks of the stack's state, `[name, id]`, sorted by name. */
async function stateWebhooks(test: TestStack): Promise<[string, string][]> {
  const state = JSON.parse(await test.exportState());
  return (state.deployment.resources ?? [])
    .filter((resource: { type: string }) =>
      /comm100:Webhook$|comm100:index:Webhook$/.test(resource.type),
    )
    .map((resource: { urn: string; id: string }) => [resource.urn.split("::").pop(), resource.id])
    .sort();
}

describe.skipIf(!live)("the lifecycle against a live account", () => {
  const run = live!;
  afterAll(async () => {
    const left = await removeWebhooksOfRun(run);
    expect(left, "webhooks of this run that could not be deleted").toEqual([]);
  });

  describe.each([dynamicDoor, yamlDoor])("$name", (door) => {
    it("creates, previews clean, repairs drift, updates, refuses a duplicate, imports, destroys", async () => {
      const client = liveClient(run);
      const slug = door === dynamicDoor ? "dynamic" : "yaml";
      const target = (name: string) => `${run.targetPrefix}${slug}/${name}`;
      const hook: Hook = { event: "chatStarts", targetUrl: target("main") };
      const test = await door.stack(run, `live-${slug}`, { main: hook });
      declared.set(test, { main: hook });
      const ours = async () =>
        (await webhooksOfRun(run)).filter((webhook) => webhook.targetUrl.includes(`/${slug}/`));

      // Create: one webhook, the state holding its id.
      const created = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(created.code, created.stdout + created.stderr).toBe(0);
      const [webhook, ...others] = await ours();
      expect(others).toEqual([]);
      expect(webhook).toMatchObject(hook);
      expect(await stateWebhooks(test)).toEqual([["main", webhook.id]]);
      expect((await test.cli(["preview", "--expect-no-changes", "--non-interactive"])).code).toBe(
        0,
      );

      // Drift made through the public API: seen by preview --refresh, repaired by up --refresh.
      await client.update(webhook.id, { event: "chatStarts", targetUrl: target("drifted") });
      const drift = await test.cli([
        "preview",
        "--refresh",
        "--expect-no-changes",
        "--non-interactive",
      ]);
      expect(drift.code).not.toBe(0);
      expect(drift.stdout).toMatch(/~ .*main.*update/);
      const repaired = await test.cli([
        "up",
        "--refresh",
        "--yes",
        "--skip-preview",
        "--non-interactive",
      ]);
      expect(repaired.code, repaired.stdout + repaired.stderr).toBe(0);
      expect(await client.get(webhook.id)).toMatchObject(hook);

      // An update in place: the same id.
      const updated: Hook = { ...hook, event: "chatEnds" };
      declare(door, test, { main: updated });
      expect((await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"])).code).toBe(0);
      expect(await client.get(webhook.id)).toMatchObject(updated);

      // A webhook made outside Pulumi with the fields a new resource declares: refused, untouched.
      const outside: Hook = { event: "chatIsWrappedUp", targetUrl: target("outside") };
      const existing = await client.create(outside);
      declare(door, test, { main: updated, second: outside });
      const refused = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain(`(id ${existing.id})`);
      expect(refused.stdout + refused.stderr).not.toContain(outside.targetUrl);
      expect((await ours()).map((w) => w.id).sort()).toEqual([webhook.id, existing.id].sort());
      expect(await client.get(existing.id)).toMatchObject(outside);
      expect(await stateWebhooks(test)).toEqual([["main", webhook.id]]);

      // Imported as the door does it: the same webhook, no new one, a clean preview after.
      declared.set(test, { main: updated });
      await door.adopt(test, "second", existing.id, outside);
      expect(await stateWebhooks(test)).toEqual(
        [
          ["main", webhook.id],
          ["second", existing.id],
        ].sort() as [string, string][],
      );
      expect((await ours()).length).toBe(2);
      const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
      expect(clean.code, clean.stdout + clean.stderr).toBe(0);

      // Destroy: nothing of this door's is left in the account.
      const destroyed = await test.cli(["destroy", "--yes", "--skip-preview", "--non-interactive"]);
      expect(destroyed.code, destroyed.stdout + destroyed.stderr).toBe(0);
      expect(await ours()).toEqual([]);
      expect(await stateWebhooks(test)).toEqual([]);
    });
  });
});

if (!live) it.skip(`the live suite is skipped: ${howToRunLive}`, () => {});
