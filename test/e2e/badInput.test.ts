import { describe, expect, it } from "vitest";
import { defaultAdmin, defaultToken, startEmulator } from "../../emulator";
import { createComm100Stack } from "../support/comm100Stack";
import { siteId } from "../support/emulatorTestBed";

interface BadInput {
  name: string;
  /** The program; default: one webhook built from `args`. */
  program?: string;
  /** `Comm100Webhook` arguments, as JavaScript source. */
  args?: string;
  /** Stack config replacing the working `comm100:*` settings. */
  config?: Record<string, string>;
  /** Text the preview's output must contain. */
  expected: string[];
}

const good = `event: "chatStarts", targetUrl: "https://hooks.example.com/x"`;
const webhook = (args: string) =>
  `import { Comm100Webhook } from "pulumi-comm100";\nnew Comm100Webhook("hook", { ${args} } as any);\n`;
const subscription = (events: string) =>
  `import { Comm100WebhookSubscription } from "pulumi-comm100";\n` +
  `new Comm100WebhookSubscription("sub", { targetUrl: "https://hooks.example.com/x", events: ${events} as any });\n`;

const cases: BadInput[] = [
  {
    name: "misspelled event",
    args: `event: "chatstarts", targetUrl: "https://h.example.com"`,
    expected: ["event", 'did you mean "chatStarts"?'],
  },
  {
    name: "event in the wrong case",
    args: `event: "CHATENDS", targetUrl: "https://h.example.com"`,
    expected: ["event", 'did you mean "chatEnds"?'],
  },
  {
    name: "event in snake_case",
    args: `event: "chat_is_transferred", targetUrl: "https://h.example.com"`,
    expected: ["event", 'did you mean "chatIsTransferred"?'],
  },
  {
    name: "empty event",
    args: `event: "", targetUrl: "https://h.example.com"`,
    expected: ["event must not be empty"],
  },
  {
    name: "event of the wrong type",
    args: `event: 42, targetUrl: "https://h.example.com"`,
    expected: ["event must be a string", "got a number"],
  },
  {
    name: "event given as a list",
    args: `event: ["chatStarts"], targetUrl: "https://h.example.com"`,
    expected: ["event must be a string", "got an array"],
  },
  {
    name: "missing event",
    args: `targetUrl: "https://h.example.com"`,
    expected: ["event must be a string", "got nothing"],
  },
  {
    name: "relative targetUrl",
    args: `event: "chatStarts", targetUrl: "/comm100/hook"`,
    expected: ["targetUrl", "is not an absolute URL"],
  },
  {
    name: "targetUrl without scheme",
    args: `event: "chatStarts", targetUrl: "hooks.example.com/x"`,
    expected: ["targetUrl", "is not an absolute URL"],
  },
  {
    name: "non-http targetUrl",
    args: `event: "chatStarts", targetUrl: "ftp://hooks.example.com/x"`,
    expected: ["targetUrl", "only http and https"],
  },
  {
    name: "targetUrl with a space",
    args: `event: "chatStarts", targetUrl: "https://hooks.example.com/a b"`,
    expected: ["targetUrl", "contains whitespace"],
  },
  {
    name: "empty targetUrl",
    args: `event: "chatStarts", targetUrl: ""`,
    expected: ["targetUrl must not be empty"],
  },
  {
    name: "huge targetUrl",
    args: `event: "chatStarts", targetUrl: "https://h.example.com/" + "a".repeat(5000)`,
    expected: ["targetUrl is 5022 characters long"],
  },
  {
    name: "targetUrl of the wrong type",
    args: `event: "chatStarts", targetUrl: { url: "https://h.example.com" }`,
    expected: ["targetUrl must be a string URL", "got an object"],
  },
  {
    name: "misspelled argument",
    args: `event: "chatStarts", targetUrl: "https://h.example.com", adoptID: "x"`,
    expected: ["adoptID is not an argument of Comm100Webhook"],
  },
  {
    name: "adoptId that is not a GUID",
    args: `${good}, adoptId: "12345"`,
    expected: ["adoptId must be a webhook id, a GUID"],
  },
  {
    name: "get() with an id that is not a GUID",
    program: `import { Comm100Webhook } from "pulumi-comm100";\nComm100Webhook.get("old", "not-a-guid");\n`,
    expected: ["Comm100Webhook id must be a webhook id, a GUID"],
  },
  {
    name: "no credentials at all",
    args: good,
    config: {},
    expected: ["connection settings are missing", "comm100:accessToken", "COMM100_ACCESS_TOKEN"],
  },
  {
    name: "base URL but no credential",
    args: good,
    config: { "comm100:baseUrl": "BASE" },
    expected: [
      "comm100:accessToken (or comm100:agentEmail + comm100:apiKey + comm100:siteId) is missing",
    ],
  },
  {
    name: "credential but no base URL",
    args: good,
    config: { "comm100:accessToken": "TOKEN" },
    expected: ["comm100:baseUrl is missing"],
  },
  {
    name: "API key without site id",
    args: good,
    config: {
      "comm100:baseUrl": "BASE",
      "comm100:agentEmail": "EMAIL",
      "comm100:apiKey": "APIKEY",
    },
    expected: ["comm100:siteId missing"],
  },
  {
    name: "site id that is not a number",
    args: good,
    config: {
      "comm100:baseUrl": "BASE",
      "comm100:agentEmail": "EMAIL",
      "comm100:apiKey": "APIKEY",
      "comm100:siteId": "site-one",
    },
    expected: ["comm100:siteId must be your numeric Comm100 site id"],
  },
  {
    name: "agent email that is not an email",
    args: good,
    config: {
      "comm100:baseUrl": "BASE",
      "comm100:agentEmail": "admin",
      "comm100:apiKey": "APIKEY",
      "comm100:siteId": siteId,
    },
    expected: ["comm100:agentEmail must be the agent's email address"],
  },
  {
    name: "token and API key together",
    args: good,
    config: {
      "comm100:baseUrl": "BASE",
      "comm100:accessToken": "TOKEN",
      "comm100:apiKey": "APIKEY",
    },
    expected: ["not both"],
  },
  {
    name: "base URL without scheme",
    args: good,
    config: { "comm100:baseUrl": "api11.comm100.io/v4", "comm100:accessToken": "TOKEN" },
    expected: ["comm100:baseUrl", "is not an absolute URL"],
  },
  {
    name: "base URL that stops before /v4",
    args: good,
    config: { "comm100:baseUrl": "https://api11.comm100.io", "comm100:accessToken": "TOKEN" },
    expected: ["comm100:baseUrl", "use https://api11.comm100.io/v4"],
  },
  {
    name: "base URL that goes past /v4",
    args: good,
    config: {
      "comm100:baseUrl": "https://api11.comm100.io/v4/livechat/webhooks",
      "comm100:accessToken": "TOKEN",
    },
    expected: ["comm100:baseUrl", "use https://api11.comm100.io/v4"],
  },
  {
    name: "connection argument with a bad base URL",
    args: `${good}, connection: { baseUrl: "http://", accessToken: "TOKEN" }`,
    expected: ["connection.baseUrl"],
  },
  {
    name: "retry setting that is not a number",
    args: good,
    config: {
      "comm100:baseUrl": "BASE",
      "comm100:accessToken": "TOKEN",
      "comm100:maxRetries": "many",
    },
    expected: ["comm100:maxRetries must be a whole number"],
  },
  {
    name: "subscription with a misspelled event",
    program: subscription(`["chatStarts", "chatEnd"]`),
    expected: ['Comm100WebhookSubscription "sub": events', 'did you mean "chatEnds"?'],
  },
  {
    name: "subscription listing an event twice",
    program: subscription(`["chatStarts", "chatStarts"]`),
    expected: ['lists "chatStarts" twice'],
  },
  {
    name: "subscription without events",
    program: subscription(`[]`),
    expected: ["events must be a non-empty list"],
  },
];

describe("bad input fails at preview, names the field, and makes no API call", () => {
  it(`rejects ${cases.length} invalid programs and configs`, async () => {
    const emulator = await startEmulator();
    const fill = (value: string) =>
      value
        .replace("BASE", emulator.baseUrl)
        .replace("TOKEN", defaultToken)
        .replace("EMAIL", defaultAdmin.email)
        .replace("APIKEY", defaultAdmin.apiKey);
    const test = await createComm100Stack("bad-input", {
      emulator,
      program: "export {};\n",
      // The programs are ill-typed on purpose (as JavaScript callers would write them): compiled
      // with their types stripped, as by default.
      noConnectionConfig: true,
    });
    const working = { "comm100:baseUrl": emulator.baseUrl, "comm100:accessToken": defaultToken };
    const failures: string[] = [];
    for (const bad of cases) {
      test.writeProgram(bad.program ?? webhook(bad.args ?? good));
      const config = Object.fromEntries(
        Object.entries(bad.config ?? working).map(([key, value]) => [key, fill(value)]),
      );
      test.writePlainConfig(config);
      const preview = await test.cli(["preview", "--non-interactive"]);
      const output = preview.stdout + preview.stderr;
      const missing = bad.expected.filter((text) => !output.includes(text));
      if (preview.code === 0 || missing.length > 0 || test.calls() !== 0) {
        failures.push(
          `${bad.name}: exit ${preview.code}, ${test.calls()} API calls, missing ${JSON.stringify(missing)}\n${output}`,
        );
      }
      expect(output).not.toContain(defaultToken);
      expect(output).not.toContain(defaultAdmin.apiKey);
    }
    expect(failures).toEqual([]);
    await emulator.close();
  });
});
