import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { packageSchema } from "../../provider/plugin/schema";
import { verifiedSdkVersions } from "../../provider/plugin/serverWorkarounds";
import { repoRoot } from "../../pulumiProject/paths";

const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), "utf8"));
const committed = readJson("provider/plugin/schema.json");

interface Property {
  $ref?: string;
  type?: string;
  items?: Property;
  additionalProperties?: Property;
  description?: string;
  secret?: boolean;
}
interface ObjectSpec {
  properties?: Record<string, Property>;
  required?: string[];
  inputProperties?: Record<string, Property>;
  requiredInputs?: string[];
}

// The public contract, written out here (or read from the README users read) rather than from
// the tables the schema is built from: a stack's config, a program's arguments and the events
// must not change by accident.
const configKeys = [
  "baseUrl",
  "accessToken",
  "agentEmail",
  "apiKey",
  "siteId",
  "requestTimeoutMs",
  "maxRetries",
  "retryBaseDelayMs",
  "createSettleMs",
  "adoptExisting",
];
/** The events as the README lists them for users (its "Events" section), in that order. */
function eventsListedInReadme(): string[] {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const list = /### Events[\s\S]*?```\n\n([\s\S]*?)\n\n/.exec(readme)?.[1] ?? "";
  return [...list.matchAll(/`(\w+)`/g)].map((match) => match[1]);
}

/** Every object of the schema that has properties, named by where it is. */
function objectsOf(schema: Record<string, Record<string, ObjectSpec>>): [string, ObjectSpec][] {
  const functions = Object.entries(schema.functions as Record<string, Record<string, ObjectSpec>>);
  return [
    ["provider", schema.provider as ObjectSpec],
    ...Object.entries(schema.types),
    ...Object.entries(schema.resources),
    ...functions.flatMap(([name, fn]) => [
      [`${name} inputs`, fn.inputs] as [string, ObjectSpec],
      [`${name} outputs`, fn.outputs] as [string, ObjectSpec],
    ]),
  ];
}

/** The schema's properties that break it: a `$ref` to no type, a required name not declared. */
function brokenReferences(schema: typeof committed): string[] {
  const problems: string[] = [];
  const checkProperty = (where: string, property: Property) => {
    const ref = property.$ref?.replace("#/types/", "");
    if (ref !== undefined && !(ref in schema.types)) problems.push(`${where}: $ref ${ref}`);
    if (property.items) checkProperty(`${where}[]`, property.items);
    if (property.additionalProperties) checkProperty(`${where}{}`, property.additionalProperties);
  };
  for (const [name, spec] of objectsOf(schema)) {
    for (const [kind, required] of [
      ["properties", spec.required],
      ["inputProperties", spec.requiredInputs],
    ] as const) {
      const declared = spec[kind] ?? {};
      for (const missing of (required ?? []).filter((key) => !(key in declared))) {
        problems.push(`${name}: required ${missing} is not in ${kind}`);
      }
      for (const [key, property] of Object.entries(declared)) {
        checkProperty(`${name}.${key}`, property);
        if (!/\w{3,}/.test(property.description ?? ""))
          problems.push(`${name}.${key}: no description`);
      }
    }
  }
  return problems;
}

describe("the plugin's schema", () => {
  it("is what the code builds (else run `npm run build:plugin` and commit schema.json)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(packageSchema())));
  });

  it("carries the package's version", () => {
    expect(committed.version).toBe(readJson("package.json").version);
  });

  it("sends the engine to the repository's GitHub releases for the plugin, as SDKs repeat", () => {
    const releases = "github://api.github.com/comm100-iac/pulumi-comm100";
    expect(committed.pluginDownloadURL).toBe(releases);
    expect(committed.repository).toBe("https://github.com/comm100-iac/pulumi-comm100");
    expect(readJson("sdk/python/pulumi_comm100/pulumi-plugin.json").server).toBe(releases);
    expect(readJson("sdk/go/comm100/pulumi-plugin.json").server).toBe(releases);
    expect(readJson("sdk/nodejs/package.json").pulumi.server).toBe(releases);
  });

  it("takes the config keys stacks hold, the credentials secret, as provider arguments too", () => {
    expect(Object.keys(committed.config.variables)).toEqual(configKeys);
    expect(committed.provider.inputProperties).toEqual(committed.config.variables);
    const secret = Object.entries(committed.config.variables as Record<string, Property>)
      .filter(([, variable]) => variable.secret)
      .map(([name]) => name);
    expect(secret).toEqual(["accessToken", "apiKey"]);
  });

  it("offers exactly the events the README lists", () => {
    const readmeEvents = eventsListedInReadme();
    expect(readmeEvents).toHaveLength(7);
    const events = committed.types["comm100:index:WebhookEvent"].enum.map(
      (entry: { value: string }) => entry.value,
    );
    expect(events).toEqual(readmeEvents);
  });

  it("declares the arguments programs pass and the outputs they read", () => {
    const webhook = committed.resources["comm100:index:Webhook"];
    expect(Object.keys(webhook.inputProperties)).toEqual(["event", "targetUrl", "adoptId"]);
    expect(webhook.requiredInputs).toEqual(["event", "targetUrl"]);
    expect(webhook.inputProperties.event.$ref).toBe("#/types/comm100:index:WebhookEvent");
    expect(webhook.properties.account.secret).toBe(true);
    const guard = committed.resources["comm100:index:AccountGuard"];
    expect(Object.keys(guard.inputProperties)).toEqual(["webhookIds", "allow", "removeUnexpected"]);
    expect(guard.properties.account.secret).toBe(true);
  });

  it("serves WebhookSubscription as a component: its arguments, and the ids it reports", () => {
    const subscription = committed.resources["comm100:index:WebhookSubscription"];
    expect(subscription.isComponent).toBe(true);
    expect(Object.keys(subscription.inputProperties)).toEqual([
      "targetUrl",
      "events",
      "adoptIds",
      "webhookAliases",
    ]);
    expect(subscription.requiredInputs).toEqual(["targetUrl", "events"]);
    expect(subscription.inputProperties.events.items.$ref).toBe(
      "#/types/comm100:index:WebhookEvent",
    );
    expect(subscription.inputProperties.adoptIds.additionalProperties).toEqual({ type: "string" });
    expect(subscription.inputProperties.webhookAliases.additionalProperties).toEqual({
      type: "array",
      items: { type: "string" },
    });
    expect(Object.keys(subscription.properties)).toEqual(["webhookIds"]);
    expect(subscription.properties.webhookIds.additionalProperties).toEqual({ type: "string" });
    expect(subscription.required).toEqual(["webhookIds"]);
    // The SDKs register it with the plugin (a remote component), which constructs it.
    const source = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");
    expect(source("sdk/python/pulumi_comm100/webhook_subscription.py")).toContain("remote=True");
    expect(source("sdk/nodejs/webhookSubscription.ts")).toMatch(/opts, true \/\*remote\*\/\)/);
  });

  it("has no broken reference and documents every property", () => {
    expect(brokenReferences(committed)).toEqual([]);
    const broken = structuredClone(committed);
    broken.resources["comm100:index:Webhook"].inputProperties.event.$ref = "#/types/nope";
    broken.resources["comm100:index:Webhook"].requiredInputs.push("evnt");
    delete broken.resources["comm100:index:AccountGuard"].inputProperties.allow.description;
    expect(brokenReferences(broken)).toEqual([
      "comm100:index:Webhook: required evnt is not in inputProperties",
      "comm100:index:Webhook.event: $ref nope",
      "comm100:index:AccountGuard.allow: no description",
    ]);
  });
});

describe("the provider server workarounds", () => {
  it("were verified against the installed @pulumi/pulumi (else verify them again)", () => {
    const installed = readJson("node_modules/@pulumi/pulumi/package.json").version;
    expect(verifiedSdkVersions).toContain(installed);
  });
});
