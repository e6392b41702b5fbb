import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as lifecycle from "../../provider/dynamic/processLifecycle";
import type { WebhookInputs } from "../../provider/core/lifecycle/webhookLifecycle";
import { defaultAccounts, defaultAdmin, defaultToken } from "../../emulator";
import { basicCredential, siteId } from "../support/emulatorTestBed";
import {
  apiKey,
  bearer,
  chatStarts,
  configureProvider,
  expectNoSecrets,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

/** A site whose token comes from stack config in these tests. */
const configToken = "config-token-5d1e9b7a3c";
const configSite = { siteId: "40000", bearerTokens: [configToken], agents: [] };

const bed = useProviderTestBed({ accounts: [...defaultAccounts, configSite] });

const run = promisify(execFile);

/** Runs `serializeProvider.ts` under tsx in a child process with `env`; returns what it printed. */
async function serializeProvider(
  env: Record<string, string>,
  request: { config: Record<string, string>; webhook: WebhookInputs },
): Promise<{ id: string; text: string }> {
  const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
  const script = path.resolve(__dirname, "../support/serializeProvider.ts");
  const { stdout } = await run(tsx, [script, JSON.stringify(request)], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { id: string; text: string };
}

describe("credentials never leave the process", () => {
  it("the serialized provider (__provider) holds no credential from stack config or environment", async () => {
    const envToken = "env-token-8f2c4a6e0b";
    const envApiKey = "env-api-key-3b7d9f1a";
    const serialized = await serializeProvider(
      { COMM100_ACCESS_TOKEN: envToken, COMM100_API_KEY: envApiKey },
      {
        config: {
          "comm100:baseUrl": bed.emulator().baseUrl,
          "comm100:accessToken": configToken,
          "comm100:retryBaseDelayMs": "1",
        },
        webhook: chatStarts,
      },
    );
    // The provider worked with the stack config's credentials before it was serialized.
    expect(bed.remote(configSite.siteId)).toEqual([{ id: serialized.id, ...chatStarts }]);
    console.log(`__provider bytes: ${Buffer.byteLength(serialized.text)}`);

    expect(serialized.text).toContain("exports.handler");
    for (const secret of [configToken, envToken, envApiKey, defaultToken]) {
      expect(serialized.text).not.toContain(secret);
    }
  });

  it("an error from a rejected token (401) does not contain the token", async () => {
    const token = "revoked-token-2a4c6e8f0b";
    await configureProvider({
      "comm100:baseUrl": bed.emulator().baseUrl,
      "comm100:accessToken": token,
    });

    const error = await rejectionOf(lifecycle.create(chatStarts));
    expect(error.message).toContain("HTTP 401");
    expectNoSecrets(error, [token, encodeURIComponent(token)]);
  });

  it("an error from a rejected API key (401) contains neither the key nor the Basic credential", async () => {
    const agent = { ...defaultAdmin, apiKey: "revoked-key-9e7c5a3f1d" };

    const error = await rejectionOf(
      lifecycle.update("6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", chatStarts, {
        ...chatStarts,
        event: "chatEnds",
        connection: apiKey(bed.emulator(), agent),
      }),
    );
    expect(error.message).toContain("HTTP 401");
    expectNoSecrets(error, [agent.apiKey, basicCredential(agent)]);
  });

  it("connection errors in check name the fields but never echo a credential", async () => {
    const connection = {
      ...bearer(bed.emulator(), "mixed-token-4c6e8a0b2d"),
      agentEmail: defaultAdmin.email,
      apiKey: "mixed-key-1f3b5d7e9a",
      siteId,
    };

    const { failures = [] } = await lifecycle.check({}, { ...chatStarts, connection });
    expect(failures).toHaveLength(1);
    expect(failures[0].reason).toContain("both connection.accessToken and connection.agentEmail");
    expect(failures[0].reason).not.toContain("mixed-token-4c6e8a0b2d");
    expect(failures[0].reason).not.toContain("mixed-key-1f3b5d7e9a");
  });
});
