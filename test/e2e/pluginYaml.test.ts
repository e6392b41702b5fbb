import { describe, expect, it } from "vitest";
import { defaultToken, secondAccount, secondToken } from "../../emulator";
import { createComm100Stack, webhookResources } from "../support/comm100Stack";
import {
  configureSecondSite,
  installPlugin,
  pluginDir,
  secondSiteConfig,
  secondSiteProvider,
} from "../support/pluginPrograms";
import { route, siteId } from "../support/emulatorTestBed";

const yaml = { runtime: "yaml", pluginDir } as const;
const up = ["up", "--yes", "--skip-preview", "--non-interactive"];

describe("comm100:index:Webhook in a YAML program", () => {
  it("names each bad property at preview, with no API call and nothing created", async () => {
    const webhook = (name: string, event: string, urlKey: string, url: string) =>
      [
        `  ${name}:`,
        "    type: comm100:index:Webhook",
        "    properties:",
        `      event: ${event}`,
        `      ${urlKey}: ${url}`,
      ].join("\n");
    const test = await createComm100Stack("plugin-yaml-bad", {
      ...yaml,
      program: ["resources:", webhook("typo", "chatStart", "targetURL", "https://a.example.com/")]
        .concat("")
        .join("\n"),
    });
    // The schema: YAML itself names the misspelt property and the event's allowed values.
    const typed = await test.cli(["preview", "--non-interactive"]);
    expect(typed.code).not.toBe(0);
    expect(typed.stdout).toContain("targetUrl: Missing required property 'targetUrl'");
    expect(typed.stdout).toMatch(
      /event: Cannot assign type 'string' to type 'comm100:index:WebhookEvent'/,
    );
    expect(typed.stdout).toContain("Allowed values are offlineMessageIsSubmitted");

    // The provider's check: a URL the schema cannot judge, named with the fix.
    test.writeProgram(
      ["resources:", webhook("ftp", "chatStarts", "targetUrl", "ftp://b.example.com/"), ""].join(
        "\n",
      ),
    );
    const checked = await test.cli(["preview", "--non-interactive"]);
    expect(checked.code).not.toBe(0);
    expect(checked.stdout).toMatch(
      /resource 'ftp' has a problem: targetUrl uses ftp: only http and https URLs are accepted/,
    );
    expect(test.calls()).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
  });

  it("reaches a second account through an explicit provider, secrets kept out of state and output", async () => {
    const test = await createComm100Stack("plugin-yaml-accounts", {
      ...yaml,
      program: [
        "resources:",
        ...secondSiteProvider,
        "  here:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl:",
        "        fn::secret: https://hooks.example.com/secret-path",
        "  there:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl: https://hooks.example.com/there",
        "    options:",
        "      provider: ${secondSite}",
        ...secondSiteConfig,
        "outputs:",
        "  hereUrl: ${here.targetUrl}",
        "",
      ].join("\n"),
    });
    await configureSecondSite(test, test.emulator.baseUrl);

    const deployed = await test.cli(up);
    expect(deployed.stderr).toBe("");
    expect(deployed.stdout).toContain("4 created");
    const [here] = test.remoteWebhooks();
    expect(here).toMatchObject({ targetUrl: "https://hooks.example.com/secret-path" });
    expect(test.emulator.control.webhooks(secondAccount.siteId)).toEqual([
      expect.objectContaining({ targetUrl: "https://hooks.example.com/there" }),
    ]);

    const outputs = await test.cli(["stack", "output", "--json"]);
    const state = await test.exportState();
    for (const text of [deployed.stdout, outputs.stdout, state]) {
      expect(text).not.toContain(defaultToken);
      expect(text).not.toContain(secondToken);
      expect(text).not.toContain("secret-path");
    }

    const destroy = await test.cli(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
    expect(test.emulator.control.webhooks(secondAccount.siteId)).toEqual([]);
  });

  it("imports with the `import` resource option: read, never created, clean after", async () => {
    const test = await createComm100Stack("plugin-yaml-import", { ...yaml, program: "" });
    const existing = test.emulator.control.createWebhook(siteId, {
      event: "chatEnds",
      targetUrl: "https://hooks.example.com/existing",
    });
    const program = (options: string) =>
      [
        "resources:",
        "  existing:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatEnds",
        "      targetUrl: https://hooks.example.com/existing",
        options,
        "",
      ].join("\n");
    test.writeProgram(program(`    options:\n      import: ${existing.id}`));
    test.resetCalls();
    const imported = await test.cli(up);
    expect(imported.stdout).toContain("1 imported");
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });

    test.writeProgram(program(""));
    const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(clean.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([existing]);
  });

  it("runs with the plugin installed from its .tgz by `pulumi plugin install`", async () => {
    const test = await createComm100Stack("plugin-yaml-installed", {
      runtime: "yaml",
      program: [
        "resources:",
        "  hook:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl: https://hooks.example.com/installed",
        "",
      ].join("\n"),
    });
    const version = await installPlugin(test);
    const plugins = await test.cli(["plugin", "ls"]);
    expect(plugins.stdout).toMatch(
      new RegExp(`comm100\\s+resource\\s+${version.replace(/\./g, "\\.")}`),
    );

    const deployed = await test.cli(up);
    expect(deployed.stderr).toBe("");
    expect(test.remoteWebhooks()).toEqual([
      expect.objectContaining({ targetUrl: "https://hooks.example.com/installed" }),
    ]);
    expect((await test.cli(["destroy", "--yes", "--non-interactive"])).code).toBe(0);
  });

  it("replaces with `pulumi up --replace` once deleteBeforeReplace is set, never doubling it", async () => {
    const program = (options: string) =>
      [
        "resources:",
        "  hook:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl: https://hooks.example.com/replaced",
        options,
        "",
      ].join("\n");
    const test = await createComm100Stack("plugin-yaml-replace", { ...yaml, program: program("") });
    await test.cli(up);
    const [original] = test.remoteWebhooks();
    const replace = [
      ...up,
      "--replace",
      "urn:pulumi:test::plugin-yaml-replace::comm100:index:Webhook::hook",
    ];

    // Made first, the successor would double the webhook: refused, naming the option that fixes it.
    const refused = await test.cli(replace);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(
      "If this is `pulumi up --replace` of this resource (the webhook is its own: a replacement " +
        "makes the new webhook before it deletes the old one), set the resource option " +
        "`deleteBeforeReplace: true` and run it again.",
    );
    expect(test.remoteWebhooks()).toEqual([original]);

    test.writeProgram(program("    options:\n      deleteBeforeReplace: true"));
    const replaced = await test.cli(replace);
    expect(replaced.stdout).toContain("1 replaced");
    const after = test.remoteWebhooks();
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(original.id);
    expect(after[0]).toMatchObject({
      event: "chatStarts",
      targetUrl: "https://hooks.example.com/replaced",
    });
  });
});

describe("comm100:index:Webhook messages in the program's own terms", () => {
  const hookUrl = "https://hooks.example.com/s3cret-receiver";
  const webhook = (name: string, options: string[] = []) => [
    `  ${name}:`,
    "    type: comm100:index:Webhook",
    "    properties:",
    "      event: chatStarts",
    `      targetUrl: ${hookUrl}`,
    ...options,
  ];
  const preview = ["preview", "--non-interactive"];
  /** What a user reads of a failed command, checked for TypeScript terms and the URL's path. */
  const failedOutput = (result: { code: number; stdout: string; stderr: string }) => {
    expect(result.code).not.toBe(0);
    const text = result.stdout + result.stderr;
    expect(text).not.toMatch(/Comm100Webhook|connection` argument|s3cret-receiver/);
    return text;
  };

  it("names the settings to give, a declaration made twice, and an id to import that is wrong", async () => {
    const test = await createComm100Stack("plugin-yaml-terms", {
      ...yaml,
      noConnectionConfig: true,
      program: ["resources:", ...webhook("first"), ""].join("\n"),
    });
    const missing = failedOutput(await test.cli(preview));
    expect(missing).toContain(
      "Comm100 connection settings are missing. Give the Comm100 connection in stack config: " +
        "`pulumi config set comm100:baseUrl https://apiNN.comm100.io/v4`",
    );

    // An explicit provider without a token: the provider and its property are named.
    test.writeProgram(
      [
        "resources:",
        "  site3:",
        "    type: pulumi:providers:comm100",
        "    properties:",
        `      baseUrl: ${test.emulator.baseUrl}`,
        ...webhook("first", ["    options:", "      provider: ${site3}"]),
        "",
      ].join("\n"),
    );
    const explicit = failedOutput(await test.cli(preview));
    expect(explicit).toContain(
      'Comm100 connection settings from the properties of pulumi:providers:comm100 "site3" are ' +
        "not usable: accessToken (or agentEmail + apiKey + siteId) is missing. Give " +
        'pulumi:providers:comm100 "site3" the properties baseUrl and accessToken',
    );

    // Two declarations of one webhook: refused at preview, naming both.
    await test.stack.setConfig("comm100:baseUrl", { value: test.emulator.baseUrl });
    await test.stack.setConfig("comm100:accessToken", { value: defaultToken, secret: true });
    test.writeProgram(["resources:", ...webhook("first"), ...webhook("second"), ""].join("\n"));
    const twice = failedOutput(await test.cli(preview));
    expect(twice).toMatch(
      /comm100:index:Webhook "(first|second)" and comm100:index:Webhook "(first|second)" declare the same webhook \(event "chatStarts" to https:\/\/hooks\.example\.com\/… in the access token's site at /,
    );
    expect(test.calls()).toBe(0);

    // `pulumi import` of an id the account lacks, and of one that is no id.
    const missingId = "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9";
    const importOf = (id: string) =>
      test.cli(["import", "comm100:index:Webhook", "imported", id, "--yes", "--non-interactive"]);
    expect(failedOutput(await importOf(missingId))).toContain(
      `comm100:index:Webhook ${missingId}: the access token's site at ${test.emulator.baseUrl} ` +
        "has no webhook with this id. Check the id (`pulumi do comm100:Webhook list` or the " +
        "function comm100:index:getWebhooks lists them) and use a provider that reaches the " +
        "account it is in (`pulumi import --provider`).",
    );
    expect(failedOutput(await importOf("not-a-guid"))).toContain(
      "comm100:index:Webhook id must be a webhook id, a GUID",
    );
    expect(test.remoteWebhooks()).toEqual([]);
    const state = JSON.parse(await test.exportState()) as {
      deployment: { resources?: { type: string }[] };
    };
    const types = (state.deployment.resources ?? []).map((resource) => resource.type);
    expect(types).not.toContain("comm100:index:Webhook");
  });
});

describe("comm100:index:Webhook renamed and moved to another account, from YAML", () => {
  it("refuses a rename without an alias with the alias fix, keeps the webhook with it, then moves it", async () => {
    const program = (name: string, options: string[] = [], extra: string[] = []) =>
      [
        "resources:",
        ...extra,
        `  ${name}:`,
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl: https://hooks.example.com/renamed",
        ...options,
        ...(extra.length > 0 ? secondSiteConfig : []),
        "",
      ].join("\n");
    const test = await createComm100Stack("plugin-yaml-rename", {
      ...yaml,
      program: program("hook"),
    });
    await test.cli(up);
    const [webhook] = test.remoteWebhooks();
    const state = async () =>
      (await webhookResources(test, "comm100:index:Webhook")).map((resource) => [
        resource.urn.split("::").pop(),
        resource.id,
      ]);
    expect(await state()).toEqual([["hook", webhook.id]]);

    // Renamed without an alias: refused before any write, naming the fix in YAML's terms.
    test.writeProgram(program("renamed"));
    test.resetCalls();
    const refused = await test.cli(up);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(
      `give comm100:index:Webhook "renamed" the property \`adoptId: "${webhook.id}"\`. If a ` +
        "resource you renamed or moved manages it, add its old URN (`pulumi stack --show-urns` " +
        'lists them) to the `aliases` option of comm100:index:Webhook "renamed" instead.',
    );
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(test.remoteWebhooks()).toEqual([webhook]);
    expect(await state()).toEqual([["hook", webhook.id]]);

    // The fix it names: the old URN in `aliases` keeps the webhook, with no API call.
    const oldUrn = "urn:pulumi:test::plugin-yaml-rename::comm100:index:Webhook::hook";
    test.writeProgram(program("renamed", ["    options:", `      aliases: ["${oldUrn}"]`]));
    test.resetCalls();
    expect((await test.cli(up)).code).toBe(0);
    expect(test.calls()).toBe(0);
    expect(test.remoteWebhooks()).toEqual([webhook]);
    expect(await state()).toEqual([["renamed", webhook.id]]);

    // Another account (an explicit provider): made there, deleted here; state equals the accounts.
    test.writeProgram(
      program("renamed", ["    options:", "      provider: ${secondSite}"], secondSiteProvider),
    );
    await configureSecondSite(test, test.emulator.baseUrl);
    const moved = await test.cli(up);
    expect(moved.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
    const there = test.emulator.control.webhooks(secondAccount.siteId);
    expect(there).toEqual([expect.objectContaining({ event: "chatStarts" })]);
    expect(await state()).toEqual([["renamed", there[0].id]]);
    const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(clean.code).toBe(0);

    expect((await test.cli(["destroy", "--yes", "--non-interactive"])).code).toBe(0);
    expect(test.emulator.control.webhooks(secondAccount.siteId)).toEqual([]);
  });
});
