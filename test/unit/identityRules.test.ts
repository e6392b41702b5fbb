import { describe, expect, it } from "vitest";
import {
  accountLabel,
  recordOf,
  sameConnection,
  surelySameAccount,
} from "../../provider/core/settings/accountIdentity";
import {
  resolveConnection,
  type Connection,
  type ConnectionArgs,
} from "../../provider/core/settings/connection";
import { RunOwnership } from "../../provider/core/lifecycle/runOwnership";
import { WriteLocks } from "../../provider/core/lifecycle/writeLocks";

const baseUrl = "https://api11.comm100.io/v4";
const token = { baseUrl, accessToken: "token-secret-1234" };
const key = {
  baseUrl,
  agentEmail: "admin@example.com",
  apiKey: "api-key-secret-5678",
  siteId: "10000",
};

/** The connection the provider makes of these settings (as a resource argument). */
function connectionOf(args: ConnectionArgs): Connection {
  const resolution = resolveConnection({ connection: args, config: undefined, env: undefined });
  if (resolution.kind !== "resolved") throw new Error(`not resolved: ${resolution.kind}`);
  return resolution.connection;
}

describe("the account a webhook lives in", () => {
  it("is recorded in the flat shape of the connection argument, which resolves back to it", () => {
    expect(recordOf(connectionOf(token))).toEqual(token);
    expect(recordOf(connectionOf(key))).toEqual(key);
    expect(recordOf(connectionOf({ ...key, siteId: 10000 }))).toEqual(key);
    for (const args of [token, key]) {
      expect(connectionOf(recordOf(connectionOf(args)))).toEqual(connectionOf(args));
    }
  });

  it("is the same connection for the same settings, with or without a trailing slash on the base URL", () => {
    expect(sameConnection(connectionOf(token), connectionOf({ ...token }))).toBe(true);
    expect(sameConnection(connectionOf(key), connectionOf({ ...key, siteId: 10000 }))).toBe(true);
    expect(
      sameConnection(connectionOf(token), connectionOf({ ...token, baseUrl: `${baseUrl}/` })),
    ).toBe(true);
    expect(
      sameConnection(connectionOf(key), connectionOf({ ...key, baseUrl: `${baseUrl}/` })),
    ).toBe(true);
  });

  it("is the same connection with the base URL's host in upper case", () => {
    const upperHost = "https://API11.Comm100.io/v4";
    expect(
      sameConnection(connectionOf(token), connectionOf({ ...token, baseUrl: upperHost })),
    ).toBe(true);
  });

  it("is another connection for another credential, scheme or API host", () => {
    const same = (a: ConnectionArgs, b: ConnectionArgs) =>
      sameConnection(connectionOf(a), connectionOf(b));
    expect(same(token, { ...token, accessToken: "token-secret-other" })).toBe(false);
    expect(same(key, { ...key, apiKey: "api-key-other" })).toBe(false);
    expect(same(key, { ...key, siteId: "20000" })).toBe(false);
    expect(same(token, key)).toBe(false);
    expect(same(token, { ...token, baseUrl: "https://api15.comm100.io/v4" })).toBe(false);
  });

  it("is surely the same account without asking only for an API key of the same site, agent and base URL", () => {
    const surely = (a: ConnectionArgs, b: ConnectionArgs) =>
      surelySameAccount(connectionOf(a), connectionOf(b));
    expect(surely(key, { ...key, apiKey: "api-key-rotated" })).toBe(true);
    expect(surely(key, { ...key, agentEmail: "Admin@Example.com" })).toBe(true);
    expect(surely(key, { ...key, baseUrl: "https://API11.comm100.io/v4/" })).toBe(true);

    expect(surely(key, { ...key, siteId: "20000" })).toBe(false);
    expect(surely(key, { ...key, agentEmail: "other@example.com" })).toBe(false);
    expect(surely(key, { ...key, baseUrl: "https://api15.comm100.io/v4" })).toBe(false);
    // An access token does not say which site it belongs to: even the same token is asked about.
    expect(surely(token, token)).toBe(false);
    expect(surely(token, key)).toBe(false);
    expect(surely(key, token)).toBe(false);
  });

  it("is named in messages by site, agent and base URL, never by a credential", () => {
    const bearerLabel = accountLabel(connectionOf(token));
    const keyLabel = accountLabel(connectionOf(key));
    expect(bearerLabel).toBe(`the access token's site at ${baseUrl}`);
    expect(keyLabel).toBe(`site 10000 at ${baseUrl} (agent admin@example.com)`);
    for (const label of [bearerLabel, keyLabel]) {
      expect(label).not.toContain(token.accessToken);
      expect(label).not.toContain(key.apiKey);
    }
  });
});

describe("what the resources of one run hold", () => {
  const id = "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

  it("knows a held webhook by its id in any letter case", () => {
    const ownership = new RunOwnership();
    expect(ownership.holds(id)).toBe(false);
    ownership.hold(id, "");
    expect(ownership.holds(id)).toBe(true);
    expect(ownership.holds(id.toLowerCase())).toBe(true);
    expect(ownership.holds("0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9")).toBe(false);
    expect(ownership.wasDeletedOrMoved(id)).toBe(false);
  });

  it("knows a webhook deleted or moved in this run by its id in any letter case, apart from holding", () => {
    const ownership = new RunOwnership();
    expect(ownership.wasDeletedOrMoved(id)).toBe(false);
    ownership.markDeletedOrMoved(id);
    expect(ownership.wasDeletedOrMoved(id)).toBe(true);
    expect(ownership.wasDeletedOrMoved(id.toLowerCase())).toBe(true);
    expect(ownership.holds(id)).toBe(false);
    expect(new RunOwnership().wasDeletedOrMoved(id)).toBe(false);
  });
});

describe("write locks", () => {
  /** A promise and the function that resolves it. */
  function gate(): { opened: Promise<void>; open: () => void } {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  it("run two holders of one key one after the other, the second in turn", async () => {
    const locks = new WriteLocks();
    const [tokenAccount, keyAccount] = ["token writer", "key writer"];
    const events: string[] = [];
    const firstMayEnd = gate();

    const first = locks.run("k", tokenAccount, async (stale) => {
      events.push(`first starts (stale ${stale})`);
      await firstMayEnd.opened;
      events.push("first ends");
      return 1;
    });
    const second = locks.run("k", keyAccount, async (stale) => {
      events.push(`second starts (stale ${stale})`);
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(["first starts (stale false)"]);
    firstMayEnd.open();

    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual([
      "first starts (stale false)",
      "first ends",
      "second starts (stale true)",
    ]);
  });

  it("tell a writer its list is stale exactly when another account wrote under the key last", async () => {
    const locks = new WriteLocks();
    const [tokenAccount, keyAccount] = ["token writer", "key writer"];
    const stale = (writer: string) => locks.run("k", writer, async (value) => value);

    expect(await stale(tokenAccount)).toBe(false);
    expect(await stale(tokenAccount)).toBe(false);
    expect(await stale(keyAccount)).toBe(true);
    expect(await stale(keyAccount)).toBe(false);
    expect(await stale(tokenAccount)).toBe(true);
    expect(await locks.run("other key", keyAccount, async (value) => value)).toBe(false);
  });

  it("run holders of different keys at the same time", async () => {
    const locks = new WriteLocks();
    const bothStarted = { a: gate(), b: gate() };

    const a = locks.run("a", "writer", async (stale) => {
      bothStarted.a.open();
      await bothStarted.b.opened;
      return stale;
    });
    const b = locks.run("b", "writer", async (stale) => {
      bothStarted.b.open();
      await bothStarted.a.opened;
      return stale;
    });

    // Were the keys one lock, each holder would wait for the other until the 1 s timeout.
    expect(await Promise.all([a, b])).toEqual([false, false]);
  }, 1000);

  it("are released by a holder that throws, whose error reaches its caller", async () => {
    const locks = new WriteLocks();
    const [tokenAccount, keyAccount] = ["token writer", "key writer"];
    const failing = locks.run("k", tokenAccount, async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error("write failed");
    });
    const next = locks.run("k", keyAccount, async (stale) => `next ran (stale ${stale})`);

    await expect(failing).rejects.toThrow("write failed");
    expect(await next).toBe("next ran (stale true)");
  }, 1000);
});
