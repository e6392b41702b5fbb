import { describe, expect, it } from "vitest";
import { redact } from "../../provider/core/text/redact";
import type { Connection } from "../../provider/core/settings/connection";
import { authorizationOf } from "../../provider/core/settings/credentials";

const baseUrl = "https://api11.comm100.io/v4";
const token: Connection = {
  baseUrl,
  credentials: { scheme: "bearer", accessToken: "token-secret-1234" },
};
const key: Connection = {
  baseUrl,
  credentials: {
    scheme: "apiKey",
    agentEmail: "admin@example.com",
    apiKey: "api-key-secret-5678",
    siteId: "10000",
  },
};
/** `admin@example.com:api-key-secret-5678` in base64, as HTTP Basic sends it. */
const basic = "YWRtaW5AZXhhbXBsZS5jb206YXBpLWtleS1zZWNyZXQtNTY3OA==";

describe("how a request proves who it is", () => {
  it("sends an access token as a Bearer header, and nothing else", () => {
    expect(authorizationOf(token)).toEqual({
      headers: { Authorization: "Bearer token-secret-1234" },
      secrets: ["token-secret-1234"],
    });
  });

  it("sends an API key as HTTP Basic of the agent's email and key, with the site id", () => {
    expect(authorizationOf(key)).toEqual({
      headers: { Authorization: `Basic ${basic}` },
      params: { siteId: "10000" },
      secrets: ["api-key-secret-5678", basic],
    });
  });

  it("lists the credential in every form it is sent in, so that messages mask exactly those", () => {
    const shown = (connection: Connection) => {
      const { headers, params, secrets } = authorizationOf(connection);
      return redact(JSON.stringify({ headers, params, ...connection.credentials }), secrets);
    };

    expect(shown(token)).toBe(
      '{"headers":{"Authorization":"Bearer ***"},"scheme":"bearer","accessToken":"***"}',
    );
    expect(shown(key)).toBe(
      '{"headers":{"Authorization":"Basic ***"},"params":{"siteId":"10000"},' +
        '"scheme":"apiKey","agentEmail":"admin@example.com","apiKey":"***","siteId":"10000"}',
    );
  });
});
