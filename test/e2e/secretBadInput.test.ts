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
  /** What the output must say: the failing path was taken. */
  expected: string;
}

const ts = (args: string) =>
  [
    'import * as pulumi from "@pulumi/pulumi";',
    'import { Comm100Webhook } from "pulumi-comm100";',
    `new Comm100Webhook("hook", { ${args} } as any);`,
    "",
  ].join("\n");
const secretUrl = (url: string) =>
  `event: "chatStarts", targetUrl: pulumi.secret(${JSON.stringify(url)})`;
const withConnection = (connection: string) =>
  `event: "chatStarts", targetUrl: "${okUrl}", connection: pulumi.secret({ baseUrl: "BASE", ${connection} })`;
const apiKeyConfig = {
  "comm100:baseUrl": "BASE",
  "comm100:agentEmail": defaultAdmin.email,
  "comm100:apiKey": { secret: `${marker}-config-api-key` },
};

const dynamicCases: SecretCase[] = [
  {
    name: "targetUrl with whitespace",
    program: ts(secretUrl(`https://hooks.example.com/${marker}-1 x`)),
    expected: "targetUrl contains whitespace (character 35 of 36)",
  },
  {
    name: "ftp targetUrl",
    program: ts(secretUrl(`ftp://hooks.example.com/${marker}-2`)),
    expected: "targetUrl uses ftp",
  },
  {
    name: "relative targetUrl",
    program: ts(secretUrl(`/${marker}-3`)),
    expected: "targetUrl is not an absolute URL",
  },
  {
    name: "targetUrl with port 0",
    program: ts(secretUrl(`https://hooks.example.com:0/${marker}-4`)),
    expected: "targetUrl has the port 0",
  },
  {
    name: "misspelled event",
    program: ts(`event: pulumi.secret("chatStarts-${marker}"), targetUrl: "${okUrl}"`),
    expected: "event is not a Comm100 webhook event",
  },
  {
    name: "adoptId that is not a GUID",
    program: ts(
      `event: "chatStarts", targetUrl: "${okUrl}", adoptId: pulumi.secret("${marker}-5")`,
    ),
    expected: "adoptId must be a webhook id, a GUID",
  },
  {
    name: "misspelled argument",
    program: ts(
      `event: "chatStarts", targetUrl: "${okUrl}", adoptID: pulumi.secret("${marker}-6")`,
    ),
    expected: "adoptID is not an argument of Comm100Webhook",
  },
  {
    name: "connection: API key without site id",
    program: ts(withConnection(`agentEmail: "${defaultAdmin.email}", apiKey: "${marker}-7"`)),
    expected: "connection.siteId missing",
  },
  {
    name: "connection: token and API key",
    program: ts(withConnection(`accessToken: "${marker}-8", apiKey: "${marker}-8b"`)),
    expected: "both connection.accessToken and connection.apiKey are set",
  },
  {
    name: "connection: agent email that is not one",
    program: ts(
      withConnection(`agentEmail: "${marker}-9", apiKey: "${marker}-9b", siteId: "${siteId}"`),
    ),
    expected: "connection.agentEmail must be the agent's email address",
  },
  {
    name: "connection: site id that is not a number",
    program: ts(
      withConnection(
        `agentEmail: "${defaultAdmin.email}", apiKey: "${marker}-10", siteId: "${marker}-10b"`,
      ),
    ),
    expected: "connection.siteId must be your numeric Comm100 site id",
  },
  {
    name: "connection: base URL with a query",
    program: ts(
      `event: "chatStarts", targetUrl: "${okUrl}", connection: pulumi.secret({ ` +
        `baseUrl: "https://api11.comm100.io/v4?key=${marker}-11", accessToken: "${marker}-11b" })`,
    ),
    expected: "must not carry a query or fragment",
  },
  {
    name: "stack config: API key without site id",
    program: ts(`event: "chatStarts", targetUrl: "${okUrl}"`),
    config: apiKeyConfig,
    expected: "comm100:siteId missing",
  },
];

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
    name: "targetUrl with whitespace",
    program: yamlHook(yamlSecretUrl(`https://hooks.example.com/${marker}-1 x`)),
    expected: "targetUrl contains whitespace",
  },
  {
    name: "ftp targetUrl",
    program: yamlHook(yamlSecretUrl(`ftp://hooks.example.com/${marker}-2`)),
    expected: "targetUrl uses ftp",
  },
  {
    name: "relative targetUrl",
    program: yamlHook(yamlSecretUrl(`/${marker}-3`)),
    expected: "is not an absolute URL",
  },
  {
    name: "adoptId that is not a GUID",
    program: yamlHook([
      `event: chatStarts`,
      `targetUrl: ${okUrl}`,
      "adoptId:",
      `  fn::secret: ${marker}-5`,
    ]),
    expected: "adoptId must be a webhook id, a GUID",
  },
  {
    name: "provider: API key without site id",
    program: yamlHook(
      ["event: chatStarts", `targetUrl: ${okUrl}`],
      yamlProvider([
        "baseUrl: BASE",
        `agentEmail: ${defaultAdmin.email}`,
        "apiKey:",
        `  fn::secret: ${marker}-7`,
      ]),
    ),
    expected: 'the properties of pulumi:providers:comm100 "site" are not usable: siteId missing',
  },
  {
    name: "provider: token and API key",
    program: yamlHook(
      ["event: chatStarts", `targetUrl: ${okUrl}`],
      yamlProvider([
        "baseUrl: BASE",
        "accessToken:",
        `  fn::secret: ${marker}-8`,
        "apiKey:",
        `  fn::secret: ${marker}-8b`,
      ]),
    ),
    expected: "not both",
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
    expected: "must not carry a query or fragment",
  },
  {
    name: "stack config: API key without site id",
    program: yamlHook(["event: chatStarts", `targetUrl: ${okUrl}`]),
    config: apiKeyConfig,
    expected: "comm100:siteId missing",
  },
];

/** Every file below `dir`, as text. */
function filesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

/** Runs `up` of each case in `test`: refused with the expected reason, no secret shown anywhere. */
async function expectRefusedWithoutSecrets(test: Comm100Stack, cases: SecretCase[]) {
  const working = { "comm100:baseUrl": "BASE", "comm100:accessToken": { secret: defaultToken } };
  const fill = (text: string) => text.replaceAll("BASE", test.emulator.baseUrl);
  const failures: string[] = [];
  for (const bad of cases) {
    test.writeProgram(fill(bad.program));
    const config = Object.entries(bad.config ?? working).map(([key, value]) => [
      key,
      typeof value === "string" ? { value: fill(value) } : { value: value.secret, secret: true },
    ]);
    await test.stack.setAllConfig(Object.fromEntries(config));
    const run = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    const output = run.stdout + run.stderr;
    if (run.code === 0 || !output.includes(bad.expected) || output.toLowerCase().includes(marker)) {
      failures.push(
        `${bad.name}: exit ${run.code}, expected ${JSON.stringify(bad.expected)}\n${output}`,
      );
    }
    await test.stack.removeAllConfig(config.map(([key]) => key as string));
  }
  expect(failures).toEqual([]);
  expect(test.calls()).toBe(0);
  expect(test.remoteWebhooks()).toEqual([]);
  expect(filesUnder(path.join(test.dir, ".state")).toLowerCase()).not.toContain(marker);
}

describe("a refused argument never shows a secret value", () => {
  it(`from TypeScript (Comm100Webhook): ${dynamicCases.length} refusals`, async () => {
    const test = await createComm100Stack("secret-bad-input-ts", {
      emulator: await startEmulator(),
      program: "export {};\n",
      noConnectionConfig: true,
    });
    await expectRefusedWithoutSecrets(test, dynamicCases);
  });

  it(`from YAML (comm100:index:Webhook): ${pluginCases.length} refusals`, async () => {
    const test = await createComm100Stack("secret-bad-input-yaml", {
      runtime: "yaml",
      pluginDir,
      program: "",
      noConnectionConfig: true,
    });
    await expectRefusedWithoutSecrets(test, pluginCases);
  });
});
