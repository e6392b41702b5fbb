import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultAdmin, defaultToken, startEmulator } from "../../emulator";
import { createComm100Stack, type Comm100Stack } from "../support/comm100Stack";
import { pluginDir } from "../support/pluginPrograms";
import { siteId } from "../support/emulatorTestBed";

/**
 * Every way `check` can refuse an argument, each given a distinctive secret value: the engine
 * prints a refused property's whole value beside the reason (secret or not), and a reason could
 * repeat it. Neither may show it, in either door; the URL rules show only scheme and host.
 */

/** Every secret value below contains this marker, and no output or state file may. */
const marker = "sekret";
const okUrl = "https://hooks.example.com/plain";

interface SecretCase {
  name: string;
  /** The program (TypeScript, or the YAML body after `Pulumi.yaml`'s header). */
  program: string;
  /** `comm100:*` stack config instead of the working token (`BASE` is the emulator's URL). */
  config?: Record<string, string | { secret: string }>;
  /** What the output must say: each failing path was taken. */
  expected: string[];
}

/**
 * A program declaring one webhook with `args` (`name: value` fragments); `event` and `targetUrl`
 * are valid unless given. `check` refuses all of a webhook's bad arguments and its connection's
 * problem at once, so a case combines one refusal of each kind.
 */
const ts = (...args: string[]) =>
  [
    'import * as pulumi from "@pulumi/pulumi";',
    'import { Comm100Webhook } from "pulumi-comm100";',
    `new Comm100Webhook("hook", { ${withDefaults(args).join(", ")} } as any);`,
    "",
  ].join("\n");
const withDefaults = (args: string[]) => [
  ...(args.some((arg) => arg.startsWith("event:")) ? [] : [`event: "chatStarts"`]),
  ...(args.some((arg) => arg.startsWith("targetUrl:")) ? [] : [`targetUrl: "${okUrl}"`]),
  ...args,
];
const secretUrl = (url: string) => `targetUrl: pulumi.secret(${JSON.stringify(url)})`;
const connection = (properties: string) =>
  `connection: pulumi.secret({ baseUrl: "BASE", ${properties} })`;
const apiKeyConfig = {
  "comm100:baseUrl": "BASE",
  "comm100:agentEmail": defaultAdmin.email,
  "comm100:apiKey": { secret: `${marker}-config-api-key` },
};

const dynamicCases: SecretCase[] = [
  {
    name: "targetUrl with whitespace, misspelled event, connection: API key without site id",
    program: ts(
      secretUrl(`https://hooks.example.com/${marker}-1 x`),
      `event: pulumi.secret("chatStarts-${marker}")`,
      connection(`agentEmail: "${defaultAdmin.email}", apiKey: "${marker}-7"`),
    ),
    expected: [
      "targetUrl contains whitespace (character 35 of 36)",
      "event is not a Comm100 webhook event",
      "connection.siteId missing",
    ],
  },
  {
    name: "ftp targetUrl, adoptId that is not a GUID, connection: token and API key",
    program: ts(
      secretUrl(`ftp://hooks.example.com/${marker}-2`),
      `adoptId: pulumi.secret("${marker}-5")`,
      connection(`accessToken: "${marker}-8", apiKey: "${marker}-8b"`),
    ),
    expected: [
      "targetUrl uses ftp",
      "adoptId must be a webhook id, a GUID",
      "both connection.accessToken and connection.apiKey are set",
    ],
  },
  {
    name: "relative targetUrl, misspelled argument, connection: agent email that is not one",
    program: ts(
      secretUrl(`/${marker}-3`),
      `adoptID: pulumi.secret("${marker}-6")`,
      connection(`agentEmail: "${marker}-9", apiKey: "${marker}-9b", siteId: "${siteId}"`),
    ),
    expected: [
      "targetUrl is not an absolute URL",
      "adoptID is not an argument of Comm100Webhook",
      "connection.agentEmail must be the agent's email address",
    ],
  },
  {
    name: "targetUrl with port 0, connection: site id that is not a number",
    program: ts(
      secretUrl(`https://hooks.example.com:0/${marker}-4`),
      connection(
        `agentEmail: "${defaultAdmin.email}", apiKey: "${marker}-10", siteId: "${marker}-10b"`,
      ),
    ),
    expected: [
      "targetUrl has the port 0",
      "connection.siteId must be your numeric Comm100 site id",
    ],
  },
  {
    name: "connection: base URL with a query",
    program: ts(
      `connection: pulumi.secret({ ` +
        `baseUrl: "https://api11.comm100.io/v4?key=${marker}-11", accessToken: "${marker}-11b" })`,
    ),
    expected: ["must not carry a query or fragment"],
  },
  {
    name: "stack config: API key without site id",
    program: ts(),
    config: apiKeyConfig,
    expected: ["comm100:siteId missing"],
  },
];

/** A YAML program declaring one webhook with `properties`, given `options` resources before it. */
const yamlHook = (properties: string[], options: string[] = []) =>
  [
    "resources:",
    ...options,
    "  hook:",
    "    type: comm100:index:Webhook",
    "    properties:",
    ...properties.map((line) => `      ${line}`),
    ...(options.length > 0 ? ["    options:", "      provider: ${site}"] : []),
    "",
  ].join("\n");
const yamlSecretUrl = (url: string) => [
  "event: chatStarts",
  "targetUrl:",
  `  fn::secret: ${JSON.stringify(url)}`,
];
const yamlProvider = (properties: string[]) => [
  "  site:",
  "    type: pulumi:providers:comm100",
  "    properties:",
  ...properties.map((line) => `      ${line}`),
];

const pluginCases: SecretCase[] = [
  {
    name: "targetUrl with whitespace, adoptId that is not a GUID",
    program: yamlHook([
      ...yamlSecretUrl(`https://hooks.example.com/${marker}-1 x`),
      "adoptId:",
      `  fn::secret: ${marker}-5`,
    ]),
    expected: ["targetUrl contains whitespace", "adoptId must be a webhook id, a GUID"],
  },
  {
    name: "ftp targetUrl, provider: API key without site id",
    program: yamlHook(
      yamlSecretUrl(`ftp://hooks.example.com/${marker}-2`),
      yamlProvider([
        "baseUrl: BASE",
        `agentEmail: ${defaultAdmin.email}`,
        "apiKey:",
        `  fn::secret: ${marker}-7`,
      ]),
    ),
    expected: [
      "targetUrl uses ftp",
      'the properties of pulumi:providers:comm100 "site" are not usable: siteId missing',
    ],
  },
  {
    name: "relative targetUrl, provider: token and API key",
    program: yamlHook(
      yamlSecretUrl(`/${marker}-3`),
      yamlProvider([
        "baseUrl: BASE",
        "accessToken:",
        `  fn::secret: ${marker}-8`,
        "apiKey:",
        `  fn::secret: ${marker}-8b`,
      ]),
    ),
    expected: ["is not an absolute URL", "not both"],
  },
  {
    name: "provider: base URL with a query",
    program: yamlHook(
      ["event: chatStarts", `targetUrl: ${okUrl}`],
      yamlProvider([
        "baseUrl:",
        `  fn::secret: https://api11.comm100.io/v4?key=${marker}-11`,
        "accessToken:",
        `  fn::secret: ${marker}-11b`,
      ]),
    ),
    expected: ["must not carry a query or fragment"],
  },
  {
    name: "stack config: API key without site id",
    program: yamlHook(["event: chatStarts", `targetUrl: ${okUrl}`]),
    config: apiKeyConfig,
    expected: ["comm100:siteId missing"],
  },
];

/** Every file below `dir`, as text. */
function filesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

/** The number of refusals `cases` hold. */
const refusals = (cases: SecretCase[]) => cases.flatMap((bad) => bad.expected).length;

/**
 * Runs `up` of each case in `test` (made with the working settings): refused with the expected
 * reasons, no secret shown anywhere.
 */
async function expectRefusedWithoutSecrets(test: Comm100Stack, cases: SecretCase[]) {
  const working = { "comm100:baseUrl": "BASE", "comm100:accessToken": { secret: defaultToken } };
  const fill = (text: string) => text.replaceAll("BASE", test.emulator.baseUrl);
  const configure = async (config: NonNullable<SecretCase["config"]>) => {
    const entries = Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string" ? { value: fill(value) } : { value: value.secret, secret: true },
    ]);
    await test.stack.setAllConfig(Object.fromEntries(entries));
    return entries.map(([key]) => key as string);
  };
  let configured = Object.keys(working);
  const failures: string[] = [];
  for (const bad of cases) {
    if (bad.config) {
      await test.stack.removeAllConfig(configured);
      configured = await configure(bad.config);
    }
    test.writeProgram(fill(bad.program));
    const run = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    const output = run.stdout + run.stderr;
    const missing = bad.expected.filter((text) => !output.includes(text));
    if (run.code === 0 || missing.length > 0 || output.toLowerCase().includes(marker)) {
      failures.push(`${bad.name}: exit ${run.code}, missing ${JSON.stringify(missing)}\n${output}`);
    }
    if (bad.config) {
      await test.stack.removeAllConfig(configured);
      configured = await configure(working);
    }
  }
  expect(failures).toEqual([]);
  expect(test.calls()).toBe(0);
  expect(test.remoteWebhooks()).toEqual([]);
  expect(filesUnder(path.join(test.dir, ".state")).toLowerCase()).not.toContain(marker);
}

describe("a refused argument never shows a secret value", () => {
  it(`from TypeScript (Comm100Webhook): ${refusals(dynamicCases)} refusals in ${dynamicCases.length} runs`, async () => {
    const test = await createComm100Stack("secret-bad-input-ts", {
      emulator: await startEmulator(),
      program: "export {};\n",
    });
    await expectRefusedWithoutSecrets(test, dynamicCases);
  });

  it(`from YAML (comm100:index:Webhook): ${refusals(pluginCases)} refusals in ${pluginCases.length} runs`, async () => {
    const test = await createComm100Stack("secret-bad-input-yaml", {
      runtime: "yaml",
      pluginDir,
      program: "",
    });
    await expectRefusedWithoutSecrets(test, pluginCases);
  });
});
