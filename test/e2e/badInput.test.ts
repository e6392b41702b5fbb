import { describe, expect, it } from "vitest";
import { defaultAdmin, defaultToken, startEmulator } from "../../emulator";
import { createComm100Stack } from "../support/comm100Stack";
import { siteId } from "../support/emulatorTestBed";

/**
 * One refused input, and the text the preview must print for it: an argument of a
 * `Comm100Webhook` (`event`, `targetUrl` or another one, as a `name: value` fragment of
 * JavaScript source), the connection (stack config replacing the working `comm100:*` settings, or
 * a `connection` argument), or a whole program.
 */
type Fault = { name: string; expected: string[] } & (
  | { argument: "event" | "targetUrl" | "other"; source: string }
  | { connection: { config: Record<string, string> } | { argument: string } }
  | { program: string }
);

const subscription = (events: string) =>
  `import { Comm100WebhookSubscription } from "pulumi-comm100";\n` +
  `new Comm100WebhookSubscription("sub", { targetUrl: "https://hooks.example.com/x", events: ${events} as any });\n`;

const faults: Fault[] = [
  {
    name: "misspelled event",
    argument: "event",
    source: `event: "chatstarts"`,
    expected: ["event", 'did you mean "chatStarts"?'],
  },
  {
    name: "event in the wrong case",
    argument: "event",
    source: `event: "CHATENDS"`,
    expected: ["event", 'did you mean "chatEnds"?'],
  },
  {
    name: "event in snake_case",
    argument: "event",
    source: `event: "chat_is_transferred"`,
    expected: ["event", 'did you mean "chatIsTransferred"?'],
  },
  {
    name: "empty event",
    argument: "event",
    source: `event: ""`,
    expected: ["event must not be empty"],
  },
  {
    name: "event of the wrong type",
    argument: "event",
    source: `event: 42`,
    expected: ["event must be a string", "got a number"],
  },
  {
    name: "event given as a list",
    argument: "event",
    source: `event: ["chatStarts"]`,
    expected: ["event must be a string", "got an array"],
  },
  {
    name: "missing event",
    argument: "event",
    source: "",
    expected: ["event must be a string", "got nothing"],
  },
  {
    name: "relative targetUrl",
    argument: "targetUrl",
    source: `targetUrl: "/comm100/hook"`,
    expected: ["targetUrl", "is not an absolute URL"],
  },
  {
    name: "targetUrl without scheme",
    argument: "targetUrl",
    source: `targetUrl: "hooks.example.com/x"`,
    expected: ["targetUrl", "is not an absolute URL"],
  },
  {
    name: "non-http targetUrl",
    argument: "targetUrl",
    source: `targetUrl: "ftp://hooks.example.com/x"`,
    expected: ["targetUrl", "only http and https"],
  },
  {
    name: "targetUrl with a space",
    argument: "targetUrl",
    source: `targetUrl: "https://hooks.example.com/a b"`,
    expected: ["targetUrl", "contains whitespace"],
  },
  {
    name: "empty targetUrl",
    argument: "targetUrl",
    source: `targetUrl: ""`,
    expected: ["targetUrl must not be empty"],
  },
  {
    name: "huge targetUrl",
    argument: "targetUrl",
    source: `targetUrl: "https://h.example.com/" + "a".repeat(5000)`,
    expected: ["targetUrl is 5022 characters long"],
  },
  {
    name: "targetUrl of the wrong type",
    argument: "targetUrl",
    source: `targetUrl: { url: "https://h.example.com" }`,
    expected: ["targetUrl must be a string URL", "got an object"],
  },
  {
    name: "misspelled argument",
    argument: "other",
    source: `adoptID: "x"`,
    expected: ["adoptID is not an argument of Comm100Webhook"],
  },
  {
    name: "adoptId that is not a GUID",
    argument: "other",
    source: `adoptId: "12345"`,
    expected: ["adoptId must be a webhook id, a GUID"],
  },
  {
    name: "get() with an id that is not a GUID",
    program: `import { Comm100Webhook } from "pulumi-comm100";\nComm100Webhook.get("old", "not-a-guid");\n`,
    expected: ["Comm100Webhook id must be a webhook id, a GUID"],
  },
  {
    name: "no credentials at all",
    connection: { config: {} },
    expected: ["connection settings are missing", "comm100:accessToken", "COMM100_ACCESS_TOKEN"],
  },
  {
    name: "base URL but no credential",
    connection: { config: { "comm100:baseUrl": "BASE" } },
    expected: [
      "comm100:accessToken (or comm100:agentEmail + comm100:apiKey + comm100:siteId) is missing",
    ],
  },
  {
    name: "credential but no base URL",
    connection: { config: { "comm100:accessToken": "TOKEN" } },
    expected: ["comm100:baseUrl is missing"],
  },
  {
    name: "API key without site id",
    connection: {
      config: {
        "comm100:baseUrl": "BASE",
        "comm100:agentEmail": "EMAIL",
        "comm100:apiKey": "APIKEY",
      },
    },
    expected: ["comm100:siteId missing"],
  },
  {
    name: "site id that is not a number",
    connection: {
      config: {
        "comm100:baseUrl": "BASE",
        "comm100:agentEmail": "EMAIL",
        "comm100:apiKey": "APIKEY",
        "comm100:siteId": "site-one",
      },
    },
    expected: ["comm100:siteId must be your numeric Comm100 site id"],
  },
  {
    name: "agent email that is not an email",
    connection: {
      config: {
        "comm100:baseUrl": "BASE",
        "comm100:agentEmail": "admin",
        "comm100:apiKey": "APIKEY",
        "comm100:siteId": siteId,
      },
    },
    expected: ["comm100:agentEmail must be the agent's email address"],
  },
  {
    name: "token and API key together",
    connection: {
      config: {
        "comm100:baseUrl": "BASE",
        "comm100:accessToken": "TOKEN",
        "comm100:apiKey": "APIKEY",
      },
    },
    expected: ["not both"],
  },
  {
    name: "base URL without scheme",
    connection: {
      config: { "comm100:baseUrl": "api11.comm100.io/v4", "comm100:accessToken": "TOKEN" },
    },
    expected: ["comm100:baseUrl", "is not an absolute URL"],
  },
  {
    name: "base URL that stops before /v4",
    connection: {
      config: { "comm100:baseUrl": "https://api11.comm100.io", "comm100:accessToken": "TOKEN" },
    },
    expected: ["comm100:baseUrl", "use https://api11.comm100.io/v4"],
  },
  {
    name: "base URL that goes past /v4",
    connection: {
      config: {
        "comm100:baseUrl": "https://api11.comm100.io/v4/livechat/webhooks",
        "comm100:accessToken": "TOKEN",
      },
    },
    expected: ["comm100:baseUrl", "use https://api11.comm100.io/v4"],
  },
  {
    name: "connection argument with a bad base URL",
    connection: { argument: `connection: { baseUrl: "http://", accessToken: "TOKEN" }` },
    expected: ["connection.baseUrl"],
  },
  {
    name: "retry setting that is not a number",
    connection: {
      config: {
        "comm100:baseUrl": "BASE",
        "comm100:accessToken": "TOKEN",
        "comm100:maxRetries": "many",
      },
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

/** A preview's program and stack config, and the faults it holds. */
interface BadPreview {
  faults: Fault[];
  program: string;
  /** `undefined`: the working settings. */
  config?: Record<string, string>;
}

/**
 * The previews that show every fault. `check` refuses all of a webhook's bad arguments and its
 * connection's problem at once, so the n-th preview of a webhook combines the n-th fault of each
 * kind: an event, a targetUrl, another argument, a connection. A program fault ends its program
 * before any webhook is checked: each has a preview of its own.
 */
function badPreviews(): BadPreview[] {
  const argument = (name: string) =>
    faults.flatMap((fault) => ("argument" in fault && fault.argument === name ? [fault] : []));
  const events = argument("event");
  const targetUrls = argument("targetUrl");
  const others = argument("other");
  const connections = faults.flatMap((fault) => ("connection" in fault ? [fault] : []));
  const programs = faults.flatMap((fault) => ("program" in fault ? [fault] : []));
  const count = Math.max(events.length, targetUrls.length, others.length, connections.length);
  const webhooks = Array.from({ length: count }, (_, n): BadPreview => {
    const connection = connections[n]?.connection;
    const args = [
      events[n]?.source ?? `event: "chatStarts"`,
      targetUrls[n]?.source ?? `targetUrl: "https://hooks.example.com/x"`,
      others[n]?.source ?? "",
      connection && "argument" in connection ? connection.argument : "",
    ].filter((source) => source !== "");
    return {
      faults: [events[n], targetUrls[n], others[n], connections[n]].filter((fault) => fault),
      program:
        `import { Comm100Webhook } from "pulumi-comm100";\n` +
        `new Comm100Webhook("hook", { ${args.join(", ")} } as any);\n`,
      config: connection && "config" in connection ? connection.config : undefined,
    };
  });
  return [...webhooks, ...programs.map((fault) => ({ faults: [fault], program: fault.program }))];
}

describe("bad input fails at preview, names the field, and makes no API call", () => {
  const previews = badPreviews();
  it(`rejects ${faults.length} invalid arguments, configs and programs in ${previews.length} previews`, async () => {
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
    for (const preview of previews) {
      test.writeProgram(fill(preview.program));
      const config = Object.fromEntries(
        Object.entries(preview.config ?? working).map(([key, value]) => [key, fill(value)]),
      );
      test.writePlainConfig(config);
      const run = await test.cli(["preview", "--non-interactive"]);
      const output = run.stdout + run.stderr;
      for (const fault of preview.faults) {
        const missing = fault.expected.filter((text) => !output.includes(text));
        if (run.code === 0 || missing.length > 0 || test.calls() !== 0) {
          failures.push(
            `${fault.name}: exit ${run.code}, ${test.calls()} API calls, missing ${JSON.stringify(missing)}\n${output}`,
          );
        }
      }
      expect(output).not.toContain(defaultToken);
      expect(output).not.toContain(defaultAdmin.apiKey);
    }
    expect(failures).toEqual([]);
    expect(previews.flatMap((preview) => preview.faults)).toHaveLength(faults.length);
    await emulator.close();
  });
});
