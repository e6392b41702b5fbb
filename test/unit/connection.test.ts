import { describe, expect, it } from "vitest";
import {
  apiBaseUrlProblem,
  connectionFromConfig,
  connectionFromEnv,
  resolveConnection,
  type ConnectionSources,
} from "../../provider/core/settings/connection";
import { unknownValue } from "../../provider/core/engine/unknownValue";

const none: ConnectionSources = { connection: undefined, config: undefined, env: undefined };
const baseUrl = "https://api11.comm100.io/v4";

function invalidMessage(sources: Partial<ConnectionSources>): string {
  const result = resolveConnection({ ...none, ...sources });
  if (result.kind !== "invalid") throw new Error(`expected invalid, got ${result.kind}`);
  return result.message;
}

describe("connection precedence", () => {
  const token = { baseUrl, accessToken: "token-from" };

  it("prefers the resource argument, then stack config, then the environment", () => {
    const all = {
      connection: { ...token, accessToken: "argument" },
      config: { ...token, accessToken: "config" },
      env: { ...token, accessToken: "env" },
    };
    const pick = (sources: ConnectionSources) => {
      const result = resolveConnection(sources);
      return result.kind === "resolved" ? result.source : result.kind;
    };
    expect(pick(all)).toBe("connection");
    expect(pick({ ...all, connection: undefined })).toBe("config");
    expect(pick({ ...all, connection: undefined, config: {} })).toBe("env");
  });

  it("resolves both authentication schemes", () => {
    expect(
      resolveConnection({ ...none, env: { baseUrl: `${baseUrl}/`, accessToken: "t" } }),
    ).toEqual({
      kind: "resolved",
      source: "env",
      connection: { baseUrl, credentials: { scheme: "bearer", accessToken: "t" } },
    });
    expect(
      resolveConnection({
        ...none,
        config: { baseUrl, agentEmail: "a@b.com", apiKey: "k", siteId: 10000 },
      }),
    ).toEqual({
      kind: "resolved",
      source: "config",
      connection: {
        baseUrl,
        credentials: { scheme: "apiKey", agentEmail: "a@b.com", apiKey: "k", siteId: "10000" },
      },
    });
  });

  it("waits for values that are not known yet", () => {
    expect(resolveConnection({ ...none, connection: unknownValue as never }).kind).toBe("unknown");
    expect(
      resolveConnection({ ...none, connection: { baseUrl, accessToken: unknownValue } }).kind,
    ).toBe("unknown");
  });

  it("reads stack config keys and environment variables", () => {
    const config: Record<string, string> = {
      "comm100:baseUrl": baseUrl,
      "comm100:accessToken": "t",
    };
    expect(connectionFromConfig((key) => config[key])).toMatchObject({ baseUrl, accessToken: "t" });
    expect(
      connectionFromEnv({ COMM100_BASE_URL: baseUrl, COMM100_SITE_ID: "1", COMM100_API_KEY: "k" }),
    ).toMatchObject({ baseUrl, siteId: "1", apiKey: "k" });
  });
});

describe("connection errors", () => {
  it("names all three ways when nothing is set", () => {
    const message = invalidMessage({});
    expect(message).toContain("connection settings are missing");
    expect(message).toContain("`connection` argument");
    expect(message).toContain("pulumi config set --secret comm100:accessToken");
    expect(message).toContain("COMM100_ACCESS_TOKEN");
  });

  it.each([
    [
      { config: { baseUrl } },
      "comm100:accessToken (or comm100:agentEmail + comm100:apiKey + comm100:siteId) is missing",
    ],
    [{ env: { accessToken: "secret-token" } }, "COMM100_BASE_URL is missing"],
    [
      { connection: { baseUrl, agentEmail: "a@b.com", apiKey: "secret-key" } },
      "connection.siteId missing",
    ],
    [
      { config: { baseUrl, apiKey: "secret-key" } },
      "comm100:agentEmail and comm100:siteId missing",
    ],
    [{ env: { baseUrl, accessToken: "secret-token", apiKey: "secret-key" } }, "not both"],
    [
      { config: { baseUrl, agentEmail: "nobody", apiKey: "secret-key", siteId: "1" } },
      "must be the agent's email",
    ],
    [
      { config: { baseUrl, agentEmail: "a@b.com", apiKey: "secret-key", siteId: "site-1" } },
      "numeric Comm100 site id",
    ],
    [
      { config: { baseUrl: "api11.comm100.io/v4", accessToken: "secret-token" } },
      "not an absolute URL",
    ],
    [
      { config: { baseUrl: "https://api11.comm100.io:99999/v4", accessToken: "secret-token" } },
      "comm100:baseUrl has the port 99999, out of range: a port is a number from 1 to 65535",
    ],
    [
      { env: { baseUrl: "https://api11.comm100.io:443x/v4", accessToken: "secret-token" } },
      'COMM100_BASE_URL has the port "443x", which is not a number',
    ],
    [
      { config: { baseUrl: "https://api11.comm100.io", accessToken: "secret-token" } },
      "use https://api11.comm100.io/v4",
    ],
    [
      {
        config: {
          baseUrl: "https://api11.comm100.io/v4/livechat/webhooks",
          accessToken: "secret-token",
        },
      },
      "use https://api11.comm100.io/v4",
    ],
  ] as [Partial<ConnectionSources>, string][])("explains %j", (sources, text) => {
    const message = invalidMessage(sources);
    expect(message).toContain(text);
    expect(message).not.toContain("secret-token");
    expect(message).not.toContain("secret-key");
  });

  it("accepts a base URL behind a proxy path as long as it ends at /v4", () => {
    expect(apiBaseUrlProblem("https://proxy.example.com/comm100/v4/")).toBeUndefined();
  });
});
