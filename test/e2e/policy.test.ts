import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { defaultToken, secondToken } from "../../emulator";
import type { TestStack } from "../../pulumiProject/isolatedStack";
import { repoRoot } from "../../pulumiProject/paths";
import { createComm100Stack, exampleFiles, webhooksProgram } from "../support/comm100Stack";
import { pluginDir, pluginProgram, subscriptionProgram } from "../support/pluginPrograms";

// The policy pack on the real engine, as the installed package ships it, run as the CLI built
// here runs it (run-pack).
const exampleConfig = path.join(repoRoot, "policy", "config.example.json");
const token = "3f6b9d2e-8c41-4a7e-b5d0-91c2e7a4f813";
const endpointSource = readFileSync(path.join(repoRoot, "examples/basic/endpoint.ts"), "utf8");

interface Hook {
  event: string;
  targetUrl: string;
}

/** One violation as the CLI lists it under "Policies:". */
interface Violation {
  level: string;
  policy: string;
  resource: string;
}

/** The pack as users get it: in the installed package (the fixture's `node_modules`). */
const installedPackEntry = path.join(
  inject("fixtureRoot"),
  "node_modules",
  "pulumi-comm100",
  "dist",
  "policy",
  "run-pack",
);

/** Runs `pulumi <command>` with the pack and `config` (default policy/config.example.json). */
async function withPack(test: TestStack, command: string[], config = exampleConfig) {
  const result = await test.cli([
    ...command,
    "--non-interactive",
    "--policy-pack",
    installedPackEntry,
    "--policy-pack-config",
    config,
  ]);
  return {
    ...result,
    output: result.stdout + result.stderr,
    violations: violations(result.stdout),
  };
}

function violations(stdout: string): Violation[] {
  return [...stdout.matchAll(/^\s*- \[(mandatory|advisory)\]\s+(\S+)\s+\(\S+: ([^)\n]+)\)$/gm)]
    .map(([, level, policy, resource]) => ({ level, policy, resource }))
    .sort(byPolicyThenResource);
}

function byPolicyThenResource(a: Violation, b: Violation): number {
  return `${a.policy} ${a.resource}`.localeCompare(`${b.policy} ${b.resource}`);
}

/** The example config with `comm100-unguessable-url` mandatory, written beside the stack. */
function strictConfig(test: TestStack): string {
  const config = JSON.parse(readFileSync(exampleConfig, "utf8"));
  config["comm100-unguessable-url"].enforcementLevel = "mandatory";
  const file = path.join(test.dir, "strict-policy-config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** How each kind of webhook is declared, and how the pack names the webhook `name` of `event`. */
const kinds = {
  dynamic: {
    program: (hooks: Record<string, Hook>) => webhooksProgram(hooks),
    resource: (name: string) => name,
    label: (name: string) => `webhook "${name}"`,
  },
  subscription: {
    program: (hooks: Record<string, Hook>) =>
      [
        'import { Comm100WebhookSubscription } from "pulumi-comm100";',
        ...Object.entries(hooks).map(
          ([name, hook]) =>
            `new Comm100WebhookSubscription(${JSON.stringify(name)}, { targetUrl: ` +
            `${JSON.stringify(hook.targetUrl)}, events: [${JSON.stringify(hook.event)}] });`,
        ),
      ].join("\n"),
    resource: (name: string, event = "chatStarts") => `${name}-${event}`,
    label: (name: string, event = "chatStarts") =>
      `webhook "${name}-${event}" of Comm100WebhookSubscription "${name}"`,
  },
  plugin: {
    program: (hooks: Record<string, Hook>) => pluginProgram("nodejs", hooks),
    resource: (name: string) => name,
    label: (name: string) => `webhook "${name}"`,
  },
  "plugin subscription (YAML)": {
    program: (hooks: Record<string, Hook>) =>
      subscriptionProgram(
        "yaml",
        Object.fromEntries(
          Object.entries(hooks).map(([name, hook]) => [
            name,
            { targetUrl: hook.targetUrl, events: [hook.event] },
          ]),
        ),
      ),
    resource: (name: string, event = "chatStarts") => `${name}-${event}`,
    label: (name: string, event = "chatStarts") =>
      `webhook "${name}-${event}" of comm100:index:WebhookSubscription "${name}"`,
  },
};

/** The project options each kind's programs need beyond the program. */
const projectOptions: Record<keyof typeof kinds, object> = {
  dynamic: {},
  subscription: {},
  plugin: { pluginDir },
  "plugin subscription (YAML)": { pluginDir, runtime: "yaml" },
};

const kept = {
  first: { event: "chatStarts", targetUrl: `https://hooks.example.com/comm100/${token}` },
  second: { event: "chatEnds", targetUrl: `https://eu.hooks.example.org/c100?key=${token}` },
};

/**
 * For each policy, webhooks that break it and nothing else; their names differ from policy to
 * policy, so that one program holds them all and each webhook must break exactly its own rule.
 */
const broken: { policy: string; hooks: Record<string, Hook>; says: string }[] = [
  {
    policy: "comm100-https-only",
    hooks: { plainHttp: { ...kept.first, targetUrl: `http://hooks.example.com/comm100/${token}` } },
    says: "sends chat data to hooks.example.com over http: give it an https targetUrl",
  },
  {
    policy: "comm100-allowed-hosts",
    hooks: { otherHost: { ...kept.first, targetUrl: `https://collector.example.net/c/${token}` } },
    says: "sends chat data to collector.example.net, which is not an approved receiving host",
  },
  {
    policy: "comm100-no-duplicate-webhooks",
    hooks: {
      first: kept.first,
      second: { ...kept.first, targetUrl: kept.first.targetUrl.replace("hooks", "HOOKS") },
    },
    says: "delivers chatStarts to the same target as",
  },
  {
    policy: "comm100-unguessable-url",
    hooks: {
      guessable: { ...kept.first, targetUrl: "https://hooks.example.com/comm100/chat-started" },
    },
    says: "has a targetUrl on hooks.example.com without an unguessable segment",
  },
];

describe.each(Object.keys(kinds) as (keyof typeof kinds)[])(
  "the policy pack, for webhooks declared as %s",
  (kindName) => {
    const kind = kinds[kindName];

    it("passes a preview that keeps every rule and fails one that breaks each of them", async () => {
      const test = await createComm100Stack(`policy-${kindName.replace(/\W+/g, "-")}`, {
        program: kind.program(kept),
        ...projectOptions[kindName],
      });
      const strict = strictConfig(test);
      const passing = await withPack(test, ["preview"], strict);
      expect(passing.violations).toEqual([]);
      expect(passing.code).toBe(0);

      // One preview of every broken webhook at once: the pack reports every violation of a run.
      // (A duplicate in one account is the provider's to refuse, at check: see below.)
      const packOnly = broken.filter(({ policy }) => policy !== "comm100-no-duplicate-webhooks");
      test.writeProgram(kind.program(Object.assign({}, ...packOnly.map(({ hooks }) => hooks))));
      const failing = await withPack(test, ["preview"], strict);
      expect(failing.violations).toEqual(
        packOnly
          .flatMap(({ policy, hooks }) =>
            Object.keys(hooks).map((name) => ({
              level: "mandatory",
              policy,
              resource: kind.resource(name),
            })),
          )
          .sort(byPolicyThenResource),
      );
      for (const { hooks, says } of packOnly) {
        for (const name of Object.keys(hooks)) {
          expect(failing.stdout).toContain(`${kind.label(name)} ${says}`);
        }
      }
      expect(failing.code).toBe(1);

      // The same webhook twice in one account: the provider refuses it at preview, naming both.
      const [duplicates] = broken.filter(
        ({ policy }) => policy === "comm100-no-duplicate-webhooks",
      );
      test.writeProgram(kind.program({ ...kept, ...duplicates.hooks }));
      const twice = await withPack(test, ["preview"], strict);
      expect(twice.code).not.toBe(0);
      expect(twice.stdout).toMatch(
        /declare the same webhook \(event "chatStarts" to https:\/\/hooks\.example\.com\/… in /i,
      );
      expect(twice.stdout).toMatch(new RegExp(`"${kind.resource("first")}"`));
      expect(test.calls()).toBe(0);
      await test.emulator.close();
    });
  },
);

describe("the policy pack", () => {
  it("catches the same event and target declared through both resource types", async () => {
    const hook = { event: "chatEnds", targetUrl: `https://hooks.example.com/c/${token}` };
    const test = await createComm100Stack("policy-both-types", {
      pluginDir,
      program:
        webhooksProgram({ viaDynamic: hook }) +
        pluginProgram("nodejs", {
          viaPlugin: { ...hook, targetUrl: `HTTPS://HOOKS.EXAMPLE.COM/c/${token}` },
        }),
    });
    const preview = await withPack(test, ["preview"]);
    expect(preview.violations).toEqual([
      { level: "mandatory", policy: "comm100-no-duplicate-webhooks", resource: "viaDynamic" },
      { level: "mandatory", policy: "comm100-no-duplicate-webhooks", resource: "viaPlugin" },
    ]);
    expect(preview.stdout).toContain(
      'webhook "viaPlugin" delivers chatEnds to the same target as webhook "viaDynamic"',
    );
    expect(preview.code).toBe(1);
    await test.emulator.close();
  });

  it("refuses, before the preview starts, a config that does not fit a policy's schema", async () => {
    const test = await createComm100Stack("policy-bad-config", { program: webhooksProgram(kept) });
    const config = path.join(test.dir, "bad-policy-config.json");
    writeFileSync(
      config,
      JSON.stringify({ "comm100-allowed-hosts": { allowedHosts: ["https://hooks.example.com"] } }),
    );
    const preview = await withPack(test, ["preview"], config);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toContain(
      "error: validating policy config: comm100-webhooks 0.1.0  comm100-allowed-hosts: allowedHosts.0: Does not match pattern",
    );
    await test.emulator.close();
  });

  it("checks at `up` a target URL that preview could not know", async () => {
    const test = await createComm100Stack("policy-unknown-host", {
      files: { "endpoint.ts": endpointSource },
      program: `
import { Comm100Webhook } from "pulumi-comm100";
import { Endpoint } from "./endpoint";
const elsewhere = new Endpoint("elsewhere", { baseUrl: "https://collector.example.net" });
new Comm100Webhook("known", { event: "chatStarts", targetUrl: "https://hooks.example.com/c/${token}" });
new Comm100Webhook("later", { event: "chatEnds", targetUrl: elsewhere.url });
`,
    });
    const preview = await withPack(test, ["preview"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(
      "can't run policy 'comm100-allowed-hosts' from policy pack 'comm100-webhooks@v0.1.0' during preview",
    );

    const up = await withPack(test, ["up", "--yes"]);
    expect(up.code).not.toBe(0);
    expect(up.violations).toContainEqual({
      level: "mandatory",
      policy: "comm100-allowed-hosts",
      resource: "later",
    });
    expect(up.stdout).toContain('webhook "later" sends chat data to collector.example.net');
    // The compliant webhook was made; the one the policy refused was not.
    expect(test.remoteWebhooks().map((hook) => hook.event)).toEqual(["chatStarts"]);
    await test.destroy();
    await test.emulator.close();
  });

  it("checks the known targets for duplicates at preview, and all of them at `up`", async () => {
    const known = `https://hooks.example.com/c/${token}`;
    const program = (withKnownDuplicate: boolean) => `
import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";
import { Endpoint } from "./endpoint";
const config = new pulumi.Config();
const receiver = new Endpoint("receiver", { baseUrl: "https://hooks.example.com" });
new Comm100Webhook("first", { event: "chatStarts", targetUrl: receiver.url });
// The same webhook in the second account: the provider cannot see it, the pack can.
new Comm100Webhook("second", {
  event: "chatStarts",
  targetUrl: receiver.url,
  connection: { baseUrl: config.require("baseUrl"), accessToken: config.requireSecret("secondToken") },
});
new Comm100Webhook("knownA", { event: "chatEnds", targetUrl: "${known}" });
// Known at preview, in the second account: the pack sees it then (the provider refuses only
// a duplicate in one account).
${withKnownDuplicate ? `new Comm100Webhook("knownB", { event: "chatEnds", targetUrl: "${known.replace("https", "HTTPS")}", connection: { baseUrl: config.require("baseUrl"), accessToken: config.requireSecret("secondToken") } });` : ""}
`;
    const test = await createComm100Stack("policy-unknown-duplicates", {
      files: { "endpoint.ts": endpointSource },
      program: program(true),
    });
    await test.stack.setAllConfig({
      "policy-unknown-duplicates:baseUrl": { value: test.emulator.baseUrl },
      "policy-unknown-duplicates:secondToken": { value: secondToken, secret: true },
    });

    const withDuplicate = await withPack(test, ["preview"]);
    expect(withDuplicate.violations).toContainEqual({
      level: "mandatory",
      policy: "comm100-no-duplicate-webhooks",
      resource: "knownB",
    });
    expect(withDuplicate.stdout).not.toContain("can't run policy 'comm100-no-duplicate-webhooks'");
    expect(withDuplicate.code).toBe(1);

    test.writeProgram(program(false));
    const preview = await withPack(test, ["preview"]);
    expect(preview.violations.filter((v) => v.level === "mandatory")).toEqual([]);
    expect(preview.code).toBe(0);

    const up = await withPack(test, ["up", "--yes"]);
    expect(up.violations).toContainEqual({
      level: "mandatory",
      policy: "comm100-no-duplicate-webhooks",
      resource: "second",
    });
    expect(up.stdout).toContain(
      'webhook "second" delivers chatStarts to the same target as webhook "first"',
    );
    expect(up.code).not.toBe(0);
    await test.destroy();
    await test.emulator.close();
  });

  it("never shows a secret target URL or token given to the webhooks", async () => {
    const hiddenPath = "s3cr3t-RHkiFLzxIKBdRIlMTTObIA";
    const hiddenUrl = `http://hooks.example.com/comm100/${hiddenPath}`;
    const test = await createComm100Stack("policy-secrets", {
      program: `
import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";
const config = new pulumi.Config();
const targetUrl = config.requireSecret("hiddenUrl");
const connection = { baseUrl: config.require("baseUrl"), accessToken: config.requireSecret("token") };
new Comm100Webhook("plain", { event: "chatStarts", targetUrl, connection });
// In another site (the provider refuses a duplicate within one account itself).
new Comm100Webhook("again", { event: "chatStarts", targetUrl,
  connection: { ...connection, accessToken: config.requireSecret("secondToken") } });
`,
    });
    await test.stack.setAllConfig({
      "policy-secrets:hiddenUrl": { value: hiddenUrl, secret: true },
      "policy-secrets:baseUrl": { value: test.emulator.baseUrl },
      "policy-secrets:token": { value: defaultToken, secret: true },
      "policy-secrets:secondToken": { value: secondToken, secret: true },
    });
    // --diff shows every input; the pack's messages name the host at most.
    const preview = await withPack(test, ["preview", "--diff"]);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toContain(
      'webhook "plain" sends chat data to hooks.example.com over http',
    );
    expect(preview.stdout).toContain(
      'webhook "again" delivers chatStarts to the same target as webhook "plain"',
    );
    const up = await withPack(test, ["up", "--yes", "--skip-preview"]);
    expect(up.code).toBe(1);
    expect(up.violations.map((v) => v.policy)).toContain("comm100-https-only");
    for (const secret of [hiddenUrl, hiddenPath, defaultToken, secondToken]) {
      expect(preview.output + up.output).not.toContain(secret);
    }
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

describe("examples/policy-passing and examples/policy-violating", () => {
  it("pass and fail a preview with the pack and policy/config.example.json", async () => {
    const passing = await createComm100Stack("policy-passing", {
      ...exampleFiles("policy-passing"),
      config: { "policy-passing:receiverToken": { secret: token } },
    });
    const passed = await withPack(passing, ["preview"]);
    expect(passed.violations).toEqual([]);
    expect(passed.code).toBe(0);
    await passing.emulator.close();

    const violating = await createComm100Stack("policy-violating", {
      ...exampleFiles("policy-violating"),
      config: { "policy-violating:otherSiteToken": { secret: secondToken } },
    });
    const failed = await withPack(violating, ["preview"]);
    expect(failed.violations).toEqual([
      { level: "mandatory", policy: "comm100-allowed-hosts", resource: "unapproved-host" },
      { level: "mandatory", policy: "comm100-https-only", resource: "plain-http" },
      { level: "mandatory", policy: "comm100-no-duplicate-webhooks", resource: "crm-again" },
      {
        level: "mandatory",
        policy: "comm100-no-duplicate-webhooks",
        resource: "crm-chatIsWrappedUp",
      },
      { level: "advisory", policy: "comm100-unguessable-url", resource: "guessable" },
    ]);
    expect(failed.code).toBe(1);
    await violating.emulator.close();
  });
});
