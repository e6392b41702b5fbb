import { describe, expect, it } from "vitest";
import { defaultAdmin, defaultRotatedToken, defaultToken } from "../../emulator";
import { createComm100Stack, type Comm100Stack } from "../support/comm100Stack";
import { pluginDir } from "../support/pluginPrograms";
import { siteId } from "../support/emulatorTestBed";

/**
 * One Comm100 account reached through two provider processes of one run: the engine starts one
 * process per provider, and the rules of the run (one webhook per declaration, no webhook held
 * by two resources, none deleted while another resource holds it) must hold across them.
 */

/** How many times each race runs (`TEST_RACE_LOOPS` for more). */
const loops = Number(process.env.TEST_RACE_LOOPS ?? 4);
const up = ["up", "--yes", "--skip-preview", "--non-interactive"];
const targetUrl = "https://hooks.example.com/two-providers";
const type = "comm100:index:Webhook";

/** How each resource of a test program reaches the account. */
interface Declared {
  /** The explicit provider it uses (`undefined`: the default provider, from stack config). */
  provider?: string;
  /** Resource option `import`, or the `adoptId` property. */
  importId?: string;
  adoptId?: string;
}

/** A YAML program: the explicit providers given, then one webhook per entry, all identical. */
function program(providers: Record<string, string[]>, hooks: Record<string, Declared>): string {
  const lines = ["resources:"];
  for (const [name, properties] of Object.entries(providers)) {
    lines.push(`  ${name}:`, "    type: pulumi:providers:comm100", "    properties:");
    lines.push(...properties.map((property) => `      ${property}`));
  }
  for (const [name, hook] of Object.entries(hooks)) {
    lines.push(`  ${name}:`, `    type: ${type}`, "    properties:", "      event: chatStarts");
    lines.push(`      targetUrl: ${targetUrl}`);
    if (hook.adoptId) lines.push(`      adoptId: ${hook.adoptId}`);
    const options = [
      ...(hook.provider ? [`      provider: \${${hook.provider}}`] : []),
      ...(hook.importId ? [`      import: ${hook.importId}`] : []),
    ];
    if (options.length > 0) lines.push("    options:", ...options);
  }
  return [...lines, ""].join("\n");
}

/** The webhook resources in the stack's state, by resource name. */
async function stateWebhooks(test: Comm100Stack): Promise<Record<string, string>> {
  const state = JSON.parse(await test.exportState()) as {
    deployment: { resources?: { type: string; urn: string; id: string }[] };
  };
  return Object.fromEntries(
    (state.deployment.resources ?? [])
      .filter((resource) => resource.type === type)
      .map((resource) => [resource.urn.split("::").pop(), resource.id]),
  );
}

/** The two ways a test reaches site 10000 a second time: another token, or an agent's API key. */
const secondCredentials = {
  rotatedToken: ["baseUrl: ${baseUrl}", `accessToken: ${defaultRotatedToken}`],
  apiKey: [
    "baseUrl: ${baseUrl}",
    `agentEmail: ${defaultAdmin.email}`,
    `apiKey: ${defaultAdmin.apiKey}`,
    `siteId: ${siteId}`,
  ],
};

async function stackWith(name: string, source: string): Promise<Comm100Stack> {
  const test = await createComm100Stack(name, { runtime: "yaml", pluginDir, program: source });
  await test.stack.setConfig("baseUrl", { value: test.emulator.baseUrl });
  return test;
}

/**
 * Runs `up` of two identical declarations `loops` times (each from an empty account): each run
 * leaves one webhook, held in state by one of the two, and refuses the other naming it.
 */
async function expectOneWebhookEveryRun(test: Comm100Stack, names: [string, string]) {
  for (let run = 1; run <= loops; run++) {
    const deployed = await test.cli(up);
    const remote = test.remoteWebhooks();
    const held = await stateWebhooks(test);
    expect({ run, remote: remote.length }).toEqual({ run, remote: 1 });
    expect(Object.values(held)).toEqual([remote[0].id]);
    const [holder] = Object.keys(held);
    const refused = names.find((name) => name !== holder);
    expect(deployed.code).not.toBe(0);
    expect(deployed.stdout).toContain(
      `${type} (${refused}):\n    error: ${type} "${refused}" and ${type} "${holder}" declare the ` +
        `same webhook (event "chatStarts" to https://hooks.example.com/…; the latter holds it as ` +
        `id ${remote[0].id})`,
    );
    expect((await test.cli(["destroy", "--yes", "--non-interactive"])).code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
  }
}

describe("one account through two providers of the plugin, one run", () => {
  it(`makes one webhook, refusing the second declaration by name (default + explicit provider, ${loops} runs)`, async () => {
    const test = await stackWith(
      "two-providers-default",
      program(
        { rotated: secondCredentials.rotatedToken },
        { viaDefault: {}, viaExplicit: { provider: "rotated" } },
      ),
    );
    await expectOneWebhookEveryRun(test, ["viaDefault", "viaExplicit"]);
  });

  it(`makes one webhook through a token provider and an API-key provider of one site (${loops} runs)`, async () => {
    const test = await stackWith(
      "two-providers-explicit",
      program(
        {
          token: ["baseUrl: ${baseUrl}", `accessToken: ${defaultToken}`],
          apiKey: secondCredentials.apiKey,
        },
        { viaToken: { provider: "token" }, viaApiKey: { provider: "apiKey" } },
      ),
    );
    await expectOneWebhookEveryRun(test, ["viaToken", "viaApiKey"]);
  });

  it("refuses to adopt a webhook another provider's resource holds, and never deletes one that is still declared", async () => {
    const providers = { rotated: secondCredentials.rotatedToken };
    const providerUrn = "urn:pulumi:test::two-providers-adopt::pulumi:providers:comm100::rotated";
    const test = await stackWith(
      "two-providers-adopt",
      program(providers, { first: {}, second: { provider: "rotated" } }),
    );
    await test.cli(up);
    const [webhook] = test.remoteWebhooks();
    const [holder] = Object.keys(await stateWebhooks(test));
    const other = holder === "first" ? "second" : "first";
    const declared = (name: string, extra: Declared): Declared => ({
      ...(name === "second" ? { provider: "rotated" } : {}),
      ...extra,
    });

    // The refused one told to adopt the webhook the other holds: refused again, naming it.
    test.writeProgram(
      program(providers, {
        [holder]: declared(holder, {}),
        [other]: declared(other, { adoptId: webhook.id }),
      }),
    );
    const adopt = await test.cli(up);
    expect(adopt.code).not.toBe(0);
    expect(adopt.stdout).toContain(
      `adoptId ${webhook.id}: ${type} "${holder}" manages this webhook; a webhook belongs to one resource.`,
    );
    expect(test.remoteWebhooks()).toEqual([webhook]);
    expect(await stateWebhooks(test)).toEqual({ [holder]: webhook.id });

    // The import option on the other one: refused the same way. The engine records an import's
    // read before its diff, so both now manage it; every later run names both, changing nothing.
    test.writeProgram(
      program(providers, {
        [holder]: declared(holder, {}),
        [other]: declared(other, { importId: webhook.id }),
      }),
    );
    const managedTwice = new RegExp(
      `Webhook ${webhook.id} is managed by two resources of this stack, ${type} "(first|second)" ` +
        `and ${type} "(first|second)" \\(it was adopted or imported twice\\)`,
    );
    const importOption = await test.cli(up);
    expect(importOption.code).not.toBe(0);
    expect(importOption.stdout).toMatch(managedTwice);
    expect(await stateWebhooks(test)).toEqual({ first: webhook.id, second: webhook.id });
    test.writeProgram(program(providers, { first: {}, second: { provider: "rotated" } }));
    const twice = await test.cli(up);
    expect(twice.code).not.toBe(0);
    expect(twice.stdout).toMatch(managedTwice);
    expect(test.remoteWebhooks()).toEqual([webhook]);

    // `pulumi import` (no program runs) makes a resource manage it again, for the next round.
    const manageTwice = async (name: string) => {
      const provider = name === "second" ? ["--provider", `rotated=${providerUrn}`] : [];
      const imported = await test.cli([
        ...["import", type, name, webhook.id, ...provider],
        ...["--yes", "--non-interactive", "--generate-code=false"],
      ]);
      expect(imported.code).toBe(0);
      expect(await stateWebhooks(test)).toEqual({ first: webhook.id, second: webhook.id });
    };

    // Either one removed: it leaves the state, with a warning naming the other; the webhook stays.
    for (const kept of [other, holder]) {
      if (!(kept in (await stateWebhooks(test)))) await manageTwice(kept);
      test.writeProgram(program(providers, { [kept]: declared(kept, {}) }));
      const removal = await test.cli(up);
      expect(removal.code).toBe(0);
      expect(removal.stdout).toContain(
        `Webhook ${webhook.id} was not deleted: ${type} "${kept}" of this stack manages it in this run.`,
      );
      expect(test.remoteWebhooks()).toEqual([webhook]);
      expect(await stateWebhooks(test)).toEqual({ [kept]: webhook.id });
      const clean = await test.cli([
        ...["preview", "--refresh", "--expect-no-changes", "--non-interactive"],
      ]);
      expect(clean.code).toBe(0);
    }

    // The last declaration removed: the webhook goes with it.
    test.writeProgram(program(providers, {}));
    expect((await test.cli(up)).code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
  });
});
