import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { tokens } from "../../provider/plugin/schema";
import { duplicateGroups } from "../../policy/rules/duplicates";
import { hostAllowed, hostMatches, hostPatternSyntax } from "../../policy/rules/hostPatterns";
import {
  defaultUnguessableOptions,
  hasUnguessableSegment,
  isUnguessable,
  secretCandidates,
} from "../../policy/rules/unguessableSegment";
import { subscriptionType, webhookLabel, webhookTypes } from "../../policy/webhookResources";
import { repoRoot } from "../../pulumiProject/paths";

const judge = (segment: string) => isUnguessable(segment, defaultUnguessableOptions);

describe("the receiving-host allow-list", () => {
  it.each([
    ["hooks.example.com", "hooks.example.com"],
    ["HOOKS.Example.COM", "hooks.example.com"],
    ["hooks.example.com.", "hooks.example.com"],
    ["a.example.com", "*.example.com"],
    ["a.b.example.com", "*.example.com"],
    ["127.0.0.1", "127.0.0.1"],
    ["[::1]", "[0:0:0:0:0:0:0:1]"],
    ["xn--bcher-kva.example", "bücher.example"],
  ])("lets %s through %s", (host, pattern) => {
    expect(hostMatches(host, pattern)).toBe(true);
  });

  it.each([
    ["example.com", "*.example.com"],
    ["evilexample.com", "*.example.com"],
    ["example.com.evil.net", "example.com"],
    ["hooks.example.com", "*.hooks.example.com"],
    ["*.example.com", "*.example.com"],
    ["hooks.example.com", "https://hooks.example.com"],
    ["hooks.example.com", "hooks.example.com:443"],
    ["hooks.example.com", ""],
  ])("keeps %s out with %s", (host, pattern) => {
    expect(hostMatches(host, pattern)).toBe(false);
  });

  it("allows a host matching any entry, and none with an empty list", () => {
    expect(hostAllowed("a.example.org", ["hooks.example.com", "*.example.org"])).toBe(true);
    expect(hostAllowed("hooks.example.com", [])).toBe(false);
  });

  it("has a config-schema pattern that admits hosts and wildcards, not URLs", () => {
    const syntax = new RegExp(hostPatternSyntax);
    for (const entry of ["hooks.example.com", "*.example.com", "127.0.0.1", "[::1]"]) {
      expect(syntax.test(entry)).toBe(true);
    }
    for (const entry of ["https://x.example", "x.example/path", "x.example:8443", "a.*.com", ""]) {
      expect(syntax.test(entry)).toBe(false);
    }
  });
});

describe("the unguessable-segment judgement", () => {
  it.each([
    "3f6b9d2e-8c41-4a7e-b5d0-91c2e7a4f813", // crypto.randomUUID()
    "69FAB2B6-1189-4B96-BD06-1CBDADBC1164",
    "184b1894ac572feb37896ed5ce09e313", // randomBytes(16).toString("hex")
    "RHkiFLzxIKBdRIlMTTObIA", // randomBytes(16).toString("base64url")
    "vlN6g-kt91cgLfkJ",
  ])("takes the random token %s for a secret", (segment) => {
    expect(judge(segment)).toBe(true);
  });

  it.each([
    ["chat-started", "too short"],
    ["comm100-chat-events", "words"],
    ["Comm100ChatEventsReceiver", "words in camel case"],
    ["webhooks-for-crm-2024-prod", "words and a year"],
    ["a1a1a1a1a1a1a1a1", "a repetition"],
    ["2024202420242024", "a repetition of digits"],
    ["qwhxkzjfvpmbnrtlsdgc", "letters of one kind"],
  ])("does not take %s (%s) for a secret", (segment) => {
    expect(judge(segment)).toBe(false);
  });

  it("looks at path segments and query names and values, percent-decoded, not host or fragment", () => {
    const url = new URL(
      "https://3f6b9d2e8c414a7e.example.com/comm100/a%2Db?key=v%41lue&flag#RHkiFLzxIKBdRIlMTTObIA",
    );
    expect(secretCandidates(url)).toEqual(["comm100", "a-b", "key", "vAlue", "flag"]);
    expect(hasUnguessableSegment(url, defaultUnguessableOptions)).toBe(false);
  });

  it("finds a secret in a path segment or in a query value", () => {
    const token = "RHkiFLzxIKBdRIlMTTObIA";
    for (const url of [`https://h.example/c/${token}/x`, `https://h.example/c?key=${token}`]) {
      expect(hasUnguessableSegment(new URL(url), defaultUnguessableOptions)).toBe(true);
    }
  });

  it("follows its thresholds", () => {
    const strict = { ...defaultUnguessableOptions, minLength: 40 };
    expect(isUnguessable("3f6b9d2e-8c41-4a7e-b5d0-91c2e7a4f813", strict)).toBe(false);
    const lenient = { ...defaultUnguessableOptions, maxMeanRunLength: 5 };
    expect(isUnguessable("comm100-chat-events", lenient)).toBe(true);
  });
});

describe("duplicate detection", () => {
  const hook = (name: string, event: string, targetUrl: string) => ({ name, event, targetUrl });

  it("groups webhooks with the same event and target, scheme and host case-insensitive", () => {
    const a = hook("a", "chatStarts", "https://hooks.example.com/x");
    const b = hook("b", "chatStarts", "HTTPS://HOOKS.example.COM/x");
    const c = hook("c", "chatStarts", "https://hooks.example.com:443/x");
    expect(duplicateGroups([a, b, c])).toEqual([[a, b, c]]);
  });

  it.each([
    ["another event", hook("b", "chatEnds", "https://hooks.example.com/x")],
    ["another path case", hook("b", "chatStarts", "https://hooks.example.com/X")],
    ["another query", hook("b", "chatStarts", "https://hooks.example.com/x?a=1")],
    ["another scheme", hook("b", "chatStarts", "http://hooks.example.com/x")],
  ])("keeps apart webhooks with %s", (_, other) => {
    expect(
      duplicateGroups([hook("a", "chatStarts", "https://hooks.example.com/x"), other]),
    ).toEqual([]);
  });
});

describe("the pack's view of webhooks", () => {
  it("knows both resource types by the tokens the provider registers", () => {
    expect(webhookTypes.plugin).toBe(tokens.webhook);
    expect(subscriptionType).toBe(tokens.webhookSubscription);
    const support = readFileSync(path.join(repoRoot, "test/support/comm100Stack.ts"), "utf8");
    expect(support).toContain(`"${webhookTypes.dynamic}"`);
    const subscription = readFileSync(
      path.join(repoRoot, "provider/dynamic/subscription.ts"),
      "utf8",
    );
    expect(subscription).toContain(`super("${subscriptionType}"`);
  });

  it("names a webhook, and the subscription that made it", () => {
    const parent = "urn:pulumi:dev::app::comm100:index:WebhookSubscription::crm";
    const dynamic = { type: webhookTypes.dynamic, name: "crm-chatStarts", opts: { parent } };
    expect(webhookLabel(dynamic)).toBe(
      'webhook "crm-chatStarts" of Comm100WebhookSubscription "crm"',
    );
    expect(webhookLabel({ ...dynamic, type: webhookTypes.plugin })).toBe(
      'webhook "crm-chatStarts" of comm100:index:WebhookSubscription "crm"',
    );
    const stack = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
    const type = webhookTypes.plugin;
    expect(webhookLabel({ type, name: "hook", opts: { parent: stack } })).toBe('webhook "hook"');
    expect(webhookLabel({ type, name: "hook", opts: {} })).toBe('webhook "hook"');
  });

  it("has the package's version", () => {
    const version = (file: string) =>
      JSON.parse(readFileSync(path.join(repoRoot, file), "utf8")).version;
    expect(version("policy/package.json")).toBe(version("package.json"));
  });
});
