import { describe, expect, it } from "vitest";
import { defaultAdmin, defaultToken } from "../../emulator";
import { createComm100Stack, webhookResources, type Comm100Stack } from "../support/comm100Stack";
import { route, siteId } from "../support/emulatorTestBed";

// Renames, moves into and out of a component, `--replace`, and values that would double a
// webhook, on the real engine. After every command: state equals what the account holds.

const targetUrl = "https://hooks.example.com/chat-start";

/** A program with one `Comm100Webhook` named `name`; `extra` is spliced into args and options. */
function hookProgram(name: string, extra: { args?: string; options?: string } = {}): string {
  return `import { Comm100Webhook } from "pulumi-comm100";
export const id = new Comm100Webhook(${JSON.stringify(name)}, {
  event: "chatStarts",
  targetUrl: ${JSON.stringify(targetUrl)},${extra.args ?? ""}
}${extra.options ? `, ${extra.options}` : ""}).id;
`;
}

/** A program with a `Comm100WebhookSubscription` "crm" to chatStarts; `extra` goes into its args. */
function subscriptionProgram(extra = ""): string {
  return `import { Comm100WebhookSubscription } from "pulumi-comm100";
export const ids = new Comm100WebhookSubscription("crm", {
  targetUrl: ${JSON.stringify(targetUrl)},
  events: ["chatStarts"],${extra}
}).webhookIds;
`;
}

/** The webhook resources of the stack as `[name, id]` pairs, from the exported state. */
async function stateWebhooks(test: Comm100Stack): Promise<[string, string][]> {
  return (await webhookResources(test)).map((resource) => [
    resource.urn.split("::").pop() ?? "",
    resource.id,
  ]);
}

/** Asserts that the stack's state and the account agree: these names, each holding its id. */
async function expectStateEqualsAccount(test: Comm100Stack, names: string[]): Promise<void> {
  const remote = test.remoteWebhooks();
  const state = await stateWebhooks(test);
  expect(state.map(([name]) => name).sort()).toEqual([...names].sort());
  expect(state.map(([, id]) => id).sort()).toEqual(remote.map((webhook) => webhook.id).sort());
  await test.stack.preview({ expectNoChanges: true });
}

async function upFailing(test: Comm100Stack, args: string[] = []): Promise<string> {
  const run = await test.cli(["up", "--yes", "--non-interactive", ...args]);
  expect(run.code).not.toBe(0);
  return run.stdout + run.stderr;
}

describe("a rename without an alias", () => {
  it("fails before any change with advice that works: aliases keep the webhook, no call", async () => {
    const test = await createComm100Stack("rename-alias", { program: hookProgram("hook") });
    await test.up();
    const [webhook] = test.remoteWebhooks();
    const [[, , oldUrn]] = (await webhookResources(test)).map((r) => ["", "", r.urn]);

    test.writeProgram(hookProgram("renamed"));
    test.resetCalls();
    const refused = await upFailing(test);
    expect(refused).toContain(`already exists in Comm100 (id ${webhook.id})`);
    expect(refused).toContain("Nothing was changed");
    expect(refused).toContain("`aliases` option");
    expect(refused).toContain(`adoptId: "${webhook.id}"`);
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(test.remoteWebhooks()).toEqual([webhook]);
    expect(await stateWebhooks(test)).toEqual([["hook", webhook.id]]);

    test.writeProgram(
      hookProgram("renamed", { options: `{ aliases: [${JSON.stringify(oldUrn)}] }` }),
    );
    test.resetCalls();
    const renamed = await test.up();
    expect(renamed.resourceChanges).toEqual({ same: 2 });
    expect(test.calls()).toBe(0);
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["renamed"]);
    await test.emulator.close();
  });

  it("following the adoptId advice keeps the webhook: the old resource's delete lets go of it", async () => {
    const test = await createComm100Stack("rename-adopt", { program: hookProgram("hook") });
    await test.up();
    const [webhook] = test.remoteWebhooks();

    test.writeProgram(hookProgram("renamed", { args: `\n  adoptId: "${webhook.id}",` }));
    test.resetCalls();
    const adopted = await test.up();
    expect(adopted.resourceChanges).toEqual({ create: 1, delete: 1, same: 1 });
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["renamed"]);
    expect(await stateWebhooks(test)).toEqual([["renamed", webhook.id]]);
    const refresh = await test.refresh({ expectNoChanges: true });
    expect(refresh.resourceChanges).toEqual({ same: 2 });

    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });

  it("following the recovery advice (COMM100_ADOPT_EXISTING=true) keeps the webhook", async () => {
    const test = await createComm100Stack("rename-recovery", { program: hookProgram("hook") });
    await test.up();
    const [webhook] = test.remoteWebhooks();

    test.writeProgram(hookProgram("renamed"));
    const run = await test.cli(["up", "--yes", "--non-interactive"], {
      COMM100_ADOPT_EXISTING: "true",
    });
    expect(run.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["renamed"]);
    await test.emulator.close();
  });
});

describe("moving a webhook into or out of a Comm100WebhookSubscription", () => {
  it("into one: refused with the subscription's own advice; webhookAliases keeps it", async () => {
    const test = await createComm100Stack("move-in", { program: hookProgram("hook") });
    await test.up();
    const [webhook] = test.remoteWebhooks();
    const [resource] = await webhookResources(test);

    test.writeProgram(subscriptionProgram());
    test.resetCalls();
    const refused = await upFailing(test);
    expect(refused).toContain('`webhookAliases: { chatStarts: ["<old urn>"] }`');
    expect(refused).toContain(`\`adoptIds: { chatStarts: "${webhook.id}" }\``);
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(test.remoteWebhooks()).toEqual([webhook]);

    test.writeProgram(
      subscriptionProgram(`\n  webhookAliases: { chatStarts: [${JSON.stringify(resource.urn)}] },`),
    );
    test.resetCalls();
    const moved = await test.up();
    // The refused run recorded the component (no Comm100 call): stack, component, webhook.
    expect(moved.resourceChanges).toEqual({ same: 3 });
    expect(test.calls()).toBe(0);
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["crm-chatStarts"]);

    // And out again, with the component child's URN as the alias.
    const [child] = await webhookResources(test);
    test.writeProgram(
      hookProgram("hook", { options: `{ aliases: [${JSON.stringify(child.urn)}] }` }),
    );
    test.resetCalls();
    const out = await test.up();
    expect(out.resourceChanges).toMatchObject({ delete: 1, same: 2 }); // the component
    expect(test.calls()).toBe(0);
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["hook"]);
    await test.emulator.close();
  });

  it("into one with adoptIds: the webhook is adopted, never deleted", async () => {
    const test = await createComm100Stack("move-in-adopt", { program: hookProgram("hook") });
    await test.up();
    const [webhook] = test.remoteWebhooks();

    test.writeProgram(subscriptionProgram(`\n  adoptIds: { chatStarts: "${webhook.id}" },`));
    const moved = await test.up();
    expect(moved.resourceChanges).toMatchObject({ create: 2, delete: 1 });
    expect(test.remoteWebhooks()).toEqual([webhook]);
    await expectStateEqualsAccount(test, ["crm-chatStarts"]);
    await test.emulator.close();
  });
});

describe("pulumi up --replace", () => {
  it("replaces the webhook: the old one is deleted first, the new one made, no duplicate", async () => {
    const test = await createComm100Stack("replace", { program: hookProgram("hook") });
    await test.up();
    const [old] = test.remoteWebhooks();
    const [resource] = await webhookResources(test);

    test.resetCalls();
    const run = await test.cli(["up", "--yes", "--non-interactive", "--replace", resource.urn]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 replaced");
    expect(test.callsByRoute()).toEqual({
      [route.delete]: 1,
      [route.list]: 1,
      [route.create]: 1,
    });
    const remote = test.remoteWebhooks();
    expect(remote).toHaveLength(1);
    expect(remote[0].id).not.toBe(old.id);
    expect(remote[0]).toMatchObject({ event: "chatStarts", targetUrl });
    await expectStateEqualsAccount(test, ["hook"]);

    // A replacement of a webhook that was adopted makes a new one too (its adoptId was used).
    test.writeProgram(hookProgram("hook", { args: `\n  adoptId: "${remote[0].id}",` }));
    const replaced = await test.cli([
      "up",
      "--yes",
      "--non-interactive",
      "--replace",
      resource.urn,
    ]);
    expect(replaced.code).toBe(0);
    expect(test.remoteWebhooks()).toHaveLength(1);
    expect(test.remoteWebhooks()[0].id).not.toBe(remote[0].id);
    await expectStateEqualsAccount(test, ["hook"]);
    await test.emulator.close();
  });
});

describe("values that would make two webhooks identical", () => {
  it("an update to another webhook's event and URL is refused at preview, naming both, before any call", async () => {
    const other = "https://hooks.example.com/other";
    const program = (url: string) => `import { Comm100Webhook } from "pulumi-comm100";
new Comm100Webhook("first", { event: "chatStarts", targetUrl: ${JSON.stringify(targetUrl)} });
new Comm100Webhook("second", { event: "chatStarts", targetUrl: ${JSON.stringify(url)} });
`;
    const test = await createComm100Stack("update-twin", { program: program(other) });
    await test.up();
    const before = test.remoteWebhooks();

    test.writeProgram(program(targetUrl));
    test.resetCalls();
    const refused = await upFailing(test);
    expect(refused).toContain(
      'This Comm100Webhook and Comm100Webhook "first" declare the same webhook (event ' +
        '"chatStarts" to https://hooks.example.com/… in the same account): Comm100 would deliver ' +
        "every event twice. Declare it once: remove one of the two, or give one another event or " +
        "targetUrl.",
    );
    expect(refused).not.toContain(targetUrl);
    expect(test.callsByRoute()).toEqual({});
    expect(test.remoteWebhooks()).toEqual(before);
    expect((await stateWebhooks(test)).map(([, id]) => id).sort()).toEqual(
      before.map((webhook) => webhook.id).sort(),
    );
    await test.emulator.close();
  });

  it("two credential sets for one site declaring the same webhook make it once", async () => {
    const test = await createComm100Stack("two-credentials", {
      noConnectionConfig: true,
      program: "",
    });
    const { baseUrl } = test.emulator;
    test.writeProgram(`import { Comm100Webhook } from "pulumi-comm100";
const url = ${JSON.stringify(targetUrl)};
new Comm100Webhook("by-token", { event: "chatStarts", targetUrl: url,
  connection: { baseUrl: ${JSON.stringify(baseUrl)}, accessToken: ${JSON.stringify(defaultToken)} } });
new Comm100Webhook("by-api-key", { event: "chatStarts", targetUrl: url,
  connection: { baseUrl: ${JSON.stringify(baseUrl)}, agentEmail: ${JSON.stringify(defaultAdmin.email)},
    apiKey: ${JSON.stringify(defaultAdmin.apiKey)}, siteId: ${JSON.stringify(siteId)} } });
`);
    const refused = await upFailing(test);
    expect(refused).toContain("This Comm100Webhook and another resource declare the same webhook");
    const remote = test.remoteWebhooks();
    expect(remote).toHaveLength(1);
    const state = await stateWebhooks(test);
    expect(state.map(([, id]) => id)).toEqual([remote[0].id]);
    await test.emulator.close();
  });
});
