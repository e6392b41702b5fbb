import { describe, expect, it } from "vitest";
import type { Door } from "../../provider/core/lifecycle/door";
import { LocalRunMemory, type RunMemory } from "../../provider/core/lifecycle/runMemory";
import { Session } from "../../provider/core/lifecycle/session";
import { WebhookLifecycle } from "../../provider/core/lifecycle/webhookLifecycle";
import {
  argumentConfigEnvTerms,
  configEnvTerms,
  type ConnectionTerms,
} from "../../provider/core/settings/connectionTerms";
import type { WebhookFields } from "../../provider/core/webhook/webhookFields";
import { dynamicDoor } from "../../provider/dynamic/dynamicDoor";
import { PluginProvider } from "../../provider/plugin/pluginProvider";
import { pluginDoor } from "../../provider/plugin/pluginDoor";
import { defaultToken } from "../../emulator";
import { rejectionOf } from "../support/providerTestBed";
import { siteId, useEmulator } from "../support/emulatorTestBed";

// Every user-visible message of a webhook's lifecycle, from each door: each names only what the
// program of that door has, and none shows the target URL's path (the receiver's secret).

const emulator = useEmulator();
const secretPath = "s3cret-path";
const fields: WebhookFields = {
  event: "chatStarts",
  targetUrl: `https://crm.example.com/${secretPath}/start`,
};
const missingId = "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9";
const urn = (name: string, types = "comm100:index:Webhook") =>
  `urn:pulumi:dev::app::${types}::${name}`;
const subscriptionChild = urn(
  "crm-chatStarts",
  "comm100:index:WebhookSubscription$comm100:index:Webhook",
);

/** A door, the resource names it is tested with, and the terms of its default settings. */
interface DoorCase {
  door: Door;
  terms: ConnectionTerms;
  first: string;
  second: string;
}
const doors: Record<string, DoorCase> = {
  "the dynamic provider": {
    door: dynamicDoor(),
    terms: argumentConfigEnvTerms,
    first: "",
    second: "",
  },
  "the plugin": { door: pluginDoor, terms: configEnvTerms, first: urn("a"), second: urn("b") },
};

/** A lifecycle of a fresh process reaching the emulator through stack config. */
function lifecycleOf(
  { door, terms }: DoorCase,
  run: RunMemory = new LocalRunMemory(),
  config: Record<string, string> = {
    "comm100:baseUrl": emulator().baseUrl,
    "comm100:accessToken": defaultToken,
  },
): WebhookLifecycle {
  const session = new Session({ env: {}, run, connectionTerms: terms });
  const lifecycle = new WebhookLifecycle(session, door);
  lifecycle.configure((key) => ({ "comm100:retryBaseDelayMs": "1", ...config })[key]);
  return lifecycle;
}

/** The message of the one failure `check` reports. */
function checkFailure(lifecycle: WebhookLifecycle, news: object, resource = ""): string {
  const { failures } = lifecycle.check(news as Record<string, unknown>, resource);
  expect(failures).toHaveLength(1);
  return failures[0].reason;
}

const seen: string[] = [];
function shown(message: string): string {
  seen.push(message);
  return message;
}

describe.each(Object.entries(doors))("messages from %s", (_name, doorCase) => {
  const { door, first, second } = doorCase;
  const plugin = door === pluginDoor;

  it("names an argument the webhook does not take, and the ones it does", () => {
    const reason = shown(checkFailure(lifecycleOf(doorCase), { ...fields, targetURL: "x" }));
    expect(reason).toBe(
      plugin
        ? "targetURL is not an argument of comm100:index:Webhook: use event, targetUrl, adoptId"
        : "targetURL is not an argument of Comm100Webhook: use event, targetUrl, connection, adoptId",
    );
  });

  it("says where to give missing connection settings, in the door's own terms", () => {
    const reason = shown(checkFailure(lifecycleOf(doorCase, undefined, {}), fields));
    expect(reason).toMatch(
      /^Comm100 connection settings are missing\. Give the Comm100 connection/,
    );
    expect(reason).toContain("`pulumi config set --secret comm100:accessToken <token>`");
    if (plugin) {
      expect(reason).not.toContain("connection` argument");
      expect(reason).toContain("a provider of its own (`pulumi:providers:comm100`)");
    } else {
      expect(reason).toContain("(1) the resource's `connection` argument");
    }
  });

  it("refuses to double an existing webhook, the adoption first", async () => {
    const existing = emulator().control.createWebhook(siteId, fields);
    const error = shown((await rejectionOf(lifecycleOf(doorCase).create(fields, first))).message);
    expect(error).toMatch(
      /^A webhook for event "chatStarts" to https:\/\/crm\.example\.com\/… already exists in Comm100/,
    );
    expect(error).toContain(`(id ${existing.id}) and no resource of this stack manages it`);
    if (plugin) {
      expect(error).toContain(
        `To manage it here, give comm100:index:Webhook "a" the property \`adoptId: "${existing.id}"\`. ` +
          "If a resource you renamed or moved manages it, add its old URN (`pulumi stack " +
          '--show-urns` lists them) to the `aliases` option of comm100:index:Webhook "a" instead. ' +
          "If this is `pulumi up --replace` of this resource",
      );
      expect(error).not.toMatch(/Comm100Webhook|connection/);
    } else {
      expect(error).toContain(
        `To manage it here, pass \`adoptId: "${existing.id}"\` to this Comm100Webhook. If a ` +
          "resource you renamed or moved manages it, add its old URN (`pulumi stack " +
          "--show-urns` lists them) to this Comm100Webhook's `aliases` option instead. After an " +
          "interrupted `pulumi up` that made it, `COMM100_ADOPT_EXISTING=true pulumi up` adopts " +
          "every such webhook once.",
      );
      expect(error).not.toMatch(/deleteBeforeReplace|comm100:index|Subscription/);
    }
    expect(emulator().control.webhooks(siteId)).toEqual([existing]);
  });

  it("refuses a second resource making the webhook another one of the run made", async () => {
    const run = new LocalRunMemory();
    const made = await lifecycleOf(doorCase, run).create(fields, first);
    const error = shown(
      (await rejectionOf(lifecycleOf(doorCase, run).create(fields, second))).message,
    );
    expect(error).toBe(
      (plugin
        ? 'comm100:index:Webhook "b" and comm100:index:Webhook "a"'
        : "This Comm100Webhook and another resource") +
        ' declare the same webhook (event "chatStarts" to https://crm.example.com/…; the latter ' +
        `holds it as id ${made.id}): Comm100 would deliver every event twice. Declare it once: ` +
        "remove one of the two, or give one another event or targetUrl. Nothing was changed for " +
        "this resource.",
    );
  });

  it("names a malformed id and an id the account does not have, with how to find the right one", async () => {
    const lifecycle = lifecycleOf(doorCase);
    const malformed = shown((await rejectionOf(lifecycle.read("not-a-guid"))).message);
    expect(malformed).toBe(
      `${door.webhookType} id must be a webhook id, a GUID such as 69FAB2B6-1189-4B96-BD06-1CBDADBC1164`,
    );
    const missing = shown((await rejectionOf(lifecycle.read(missingId))).message);
    expect(missing).toBe(
      `${door.webhookType} ${missingId}: the access token's site at ${emulator().baseUrl} has no ` +
        "webhook with this id. Check the id " +
        (plugin
          ? "(`pulumi do comm100:Webhook list` or the function comm100:index:getWebhooks lists " +
            "them) and use a provider that reaches the account it is in (`pulumi import --provider`)."
          : "(getWebhooks() lists them) and give the connection of the account it is in."),
    );
  });

  it("names an adoptId the account does not have, and one another resource holds", async () => {
    const run = new LocalRunMemory();
    const missing = shown(
      (
        await rejectionOf(
          lifecycleOf(doorCase, run).create({ ...fields, adoptId: missingId }, first),
        )
      ).message,
    );
    expect(missing).toMatch(new RegExp(`^adoptId ${missingId}: .* has no webhook with this id\\.`));
    expect(missing).toContain(
      plugin
        ? "and that the resource's provider reaches the account it is in, or remove adoptId"
        : "and that the connection names the account it is in, or remove adoptId",
    );
    const made = await lifecycleOf(doorCase, run).create(fields, first);
    const held = shown(
      (
        await rejectionOf(
          lifecycleOf(doorCase, run).create({ ...fields, adoptId: made.id }, second),
        )
      ).message,
    );
    expect(held).toBe(
      `adoptId ${made.id}: ${plugin ? 'comm100:index:Webhook "a"' : "another resource"} manages ` +
        "this webhook; a webhook belongs to one resource. Remove adoptId here, or remove the " +
        "other resource. Nothing was changed.",
    );
  });

  it("names the resources holding one webhook twice, and the one a delete leaves alone", async () => {
    const run = new LocalRunMemory();
    const made = await lifecycleOf(doorCase, run).create(fields, first);
    const olds = { ...made.outs };
    const delete_ = await lifecycleOf(doorCase, run).delete(made.id, olds, second);
    expect(shown(delete_.warning ?? "")).toBe(
      `Webhook ${made.id} was not deleted: ` +
        (plugin
          ? 'comm100:index:Webhook "a" of this stack manages it in this run. comm100:index:Webhook "b"'
          : "another resource of this stack manages it in this run. This Comm100Webhook") +
        " leaves the state; the webhook stays in Comm100.",
    );
    if (plugin) {
      const twice = await rejectionOf(
        lifecycleOf(doorCase, run).diff(made.id, olds, fields, second),
      );
      expect(shown(twice.message)).toMatch(
        /^Webhook \S+ is managed by two resources of this stack, comm100:index:Webhook "b" and comm100:index:Webhook "a"/,
      );
    }
    expect(emulator().control.webhooks(siteId)).toHaveLength(1);
  });
});

describe("messages from the dynamic provider only", () => {
  it("gives the fixes of a Comm100WebhookSubscription's webhook on the subscription", async () => {
    const inCrm = { ...doors["the dynamic provider"], door: dynamicDoor("crm") };
    const existing = emulator().control.createWebhook(siteId, fields);
    const error = shown((await rejectionOf(lifecycleOf(inCrm).create(fields))).message);
    expect(error).toContain(
      `To manage it here, pass \`adoptIds: { chatStarts: "${existing.id}" }\` to ` +
        'Comm100WebhookSubscription "crm". If a resource you renamed or moved manages it, pass ' +
        "its old URN (`pulumi stack --show-urns` lists them) to Comm100WebhookSubscription " +
        '"crm" as `webhookAliases: { chatStarts: ["<old urn>"] }` instead.',
    );
    expect(error).not.toContain("adoptId:");
    const reason = shown(checkFailure(lifecycleOf(inCrm), { ...fields, adoptId: "nope" }));
    expect(reason).toMatch(/^adoptIds\.chatStarts must be a webhook id, a GUID/);
  });

  it("refuses a webhook the program declared before, naming the earlier one", () => {
    const lifecycle = lifecycleOf(doors["the dynamic provider"]);
    expect(shown(lifecycle.declaredTwiceIn('Comm100Webhook "first"', fields))).toBe(
      'This Comm100Webhook and Comm100Webhook "first" declare the same webhook (event ' +
        '"chatStarts" to https://crm.example.com/… in the same account): Comm100 would deliver ' +
        "every event twice. Declare it once: remove one of the two, or give one another event or " +
        "targetUrl.",
    );
  });
});

describe("messages from the plugin only", () => {
  const plugin = doors["the plugin"];

  it("refuses at check a webhook another resource of the run declares in the same account, naming both", () => {
    const run = new LocalRunMemory();
    expect(lifecycleOf(plugin, run).check({ ...fields }, urn("a")).failures).toEqual([]);
    expect(lifecycleOf(plugin, run).check({ ...fields }, urn("a")).failures).toEqual([]);
    const reason = shown(checkFailure(lifecycleOf(plugin, run), { ...fields }, urn("b")));
    expect(reason).toBe(
      'comm100:index:Webhook "b" and comm100:index:Webhook "a" declare the same webhook (event ' +
        `"chatStarts" to https://crm.example.com/… in the access token's site at ` +
        `${emulator().baseUrl}): Comm100 would deliver every event twice. Declare it once: remove ` +
        "one of the two, or give one another event or targetUrl.",
    );
    const otherSite = lifecycleOf(plugin, run, {
      "comm100:baseUrl": emulator().baseUrl,
      "comm100:accessToken": "another-sites-token",
    });
    expect(otherSite.check({ ...fields }, urn("c")).failures).toEqual([]);
  });

  it("gives the fixes of a subscription's webhook on the subscription", async () => {
    const existing = emulator().control.createWebhook(siteId, fields);
    const error = shown(
      (await rejectionOf(lifecycleOf(plugin).create(fields, subscriptionChild))).message,
    );
    expect(error).toContain(
      `To manage it here, add \`chatStarts: "${existing.id}"\` to the \`adoptIds\` of ` +
        'comm100:index:WebhookSubscription "crm". If a resource you renamed or moved manages ' +
        "it, add its old URN (`pulumi stack --show-urns` lists them) to " +
        '`webhookAliases.chatStarts` of comm100:index:WebhookSubscription "crm" instead.',
    );
    expect(error).not.toContain("deleteBeforeReplace");
    const reason = shown(
      checkFailure(lifecycleOf(plugin), { ...fields, adoptId: "nope" }, subscriptionChild),
    );
    expect(reason).toMatch(/^adoptIds\.chatStarts must be a webhook id, a GUID/);
  });

  it("names an explicit provider and its properties when its settings are missing", async () => {
    const provider = new PluginProvider(new LocalRunMemory(), async () => {});
    provider.configure(
      { baseUrl: emulator().baseUrl },
      "urn:pulumi:dev::app::pulumi:providers:comm100::site3",
    );
    const { failures } = await provider.check(urn("hook"), {}, { ...fields });
    const reason = shown(failures[0].reason);
    expect(reason).toBe(
      'Comm100 connection settings from the properties of pulumi:providers:comm100 "site3" are ' +
        "not usable: accessToken (or agentEmail + apiKey + siteId) is missing. Give " +
        'pulumi:providers:comm100 "site3" the properties baseUrl and accessToken (or agentEmail, ' +
        "apiKey and siteId); or set the environment variables COMM100_BASE_URL and " +
        "COMM100_ACCESS_TOKEN (or COMM100_AGENT_EMAIL, COMM100_API_KEY, COMM100_SITE_ID). NN is " +
        "your data centre, as in your Control Panel host dashNN.comm100.io. (A provider you " +
        "declare does not read the comm100:* stack config.)",
    );

    const byDefault = new PluginProvider(new LocalRunMemory(), async () => {});
    byDefault.configure(
      { baseUrl: emulator().baseUrl },
      "urn:pulumi:dev::app::pulumi:providers:comm100::default_0_1_0",
    );
    const fromConfig = (await byDefault.check(urn("hook"), {}, { ...fields })).failures[0].reason;
    expect(shown(fromConfig)).toMatch(
      /^Comm100 connection settings from stack config are not usable: comm100:accessToken \(or/,
    );
  });
});

describe("every message above", () => {
  it("shows the target URL's host, never its path", () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const message of seen) expect(message).not.toContain(secretPath);
  });
});
