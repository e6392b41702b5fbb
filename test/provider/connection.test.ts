import { describe, expect, it } from "vitest";
import {
  check,
  delete as deleteWebhook,
  read,
  update,
} from "../../provider/dynamic/processLifecycle";
import {
  defaultAccounts,
  defaultAdmin,
  defaultToken,
  secondAccount,
  secondToken,
  type Account,
} from "../../emulator";
import { siteId } from "../support/emulatorTestBed";
import {
  apiKey,
  bearer,
  chatEnds,
  chatStarts,
  configureProvider,
  createWebhook,
  newProviderProcess,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

/** A third site, so that each connection source can point at its own account. */
const thirdAccount: Account = {
  siteId: "30000",
  bearerTokens: ["emulator-token-30000"],
  agents: [],
};
const thirdToken = thirdAccount.bearerTokens[0];

const bed = useProviderTestBed({ accounts: [...defaultAccounts, thirdAccount] });

/** Which sites hold a webhook, as `{ siteId: count }`. */
function sitesWithWebhooks(): Record<string, number> {
  return Object.fromEntries(
    [siteId, secondAccount.siteId, thirdAccount.siteId]
      .map((site) => [site, bed.remote(site).length] as const)
      .filter(([, count]) => count > 0),
  );
}

/** Stack config pointing at site 20000 with its Bearer token. */
async function stackConfigForSecondSite(): Promise<void> {
  await configureProvider({
    "comm100:baseUrl": bed.emulator().baseUrl,
    "comm100:accessToken": secondToken,
  });
}

describe("connection precedence: resource argument, then stack config, then environment", () => {
  it("the resource's connection argument beats stack config and environment", async () => {
    await stackConfigForSecondSite();
    const connection = bearer(bed.emulator(), thirdToken);

    const created = await createWebhook({ ...chatStarts, connection });
    expect(sitesWithWebhooks()).toEqual({ [thirdAccount.siteId]: 1 });
    expect(created.outs.connection).toEqual(connection);
  });

  it("stack config beats the environment", async () => {
    await stackConfigForSecondSite();

    await createWebhook(chatStarts);
    expect(sitesWithWebhooks()).toEqual({ [secondAccount.siteId]: 1 });
  });

  it("the environment is used when neither argument nor stack config sets anything", async () => {
    await createWebhook(chatStarts);
    expect(sitesWithWebhooks()).toEqual({ [siteId]: 1 });
    expect(process.env.COMM100_ACCESS_TOKEN).toBe(defaultToken);
  });

  it("stack config with API-key settings (agentEmail, apiKey, siteId) works end to end", async () => {
    await configureProvider({
      "comm100:baseUrl": bed.emulator().baseUrl,
      "comm100:agentEmail": defaultAdmin.email,
      "comm100:apiKey": defaultAdmin.apiKey,
      "comm100:siteId": siteId,
    });

    const created = await createWebhook(chatStarts);
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
    const { entries } = bed.emulator().control.requests();
    expect(entries.every((entry) => entry.url.includes(`siteId=${siteId}`))).toBe(true);
  });

  it("read, update and delete act in the account of the resource's recorded connection", async () => {
    const connection = bearer(bed.emulator(), thirdToken);
    const created = await createWebhook({ ...chatStarts, connection });
    await stackConfigForSecondSite();

    expect((await read(created.id, created.outs)).id).toBe(created.id);
    await update(created.id, created.outs, { ...chatEnds, connection });
    expect(bed.remote(thirdAccount.siteId)).toEqual([{ id: created.id, ...chatEnds }]);
    await newProviderProcess();
    await stackConfigForSecondSite();
    await deleteWebhook(created.id, { ...chatEnds, connection });
    expect(sitesWithWebhooks()).toEqual({});
    expect(
      bed
        .emulator()
        .control.requests()
        .entries.map((entry) => entry.siteId),
    ).toEqual(Array.from({ length: 4 }, () => thirdAccount.siteId));
  });

  it("two resources with different connections in one run each reach their own account", async () => {
    await Promise.all([
      createWebhook({ ...chatStarts, connection: bearer(bed.emulator(), secondToken) }),
      createWebhook({ ...chatStarts, connection: apiKey(bed.emulator(), defaultAdmin) }),
    ]);
    expect(sitesWithWebhooks()).toEqual({ [siteId]: 1, [secondAccount.siteId]: 1 });
  });

  it("an incomplete resource connection is an error even when stack config is complete", async () => {
    await stackConfigForSecondSite();
    const news = { ...chatStarts, connection: { baseUrl: bed.emulator().baseUrl } };

    const { failures = [] } = await check({}, news);
    expect(failures).toEqual([{ property: "", reason: expect.any(String) }]);
    expect(failures[0].reason).toContain("the resource's `connection` argument");
    expect(failures[0].reason).toContain("connection.accessToken");
    expect((await rejectionOf(createWebhook(news))).message).toBe(failures[0].reason);
    expect(bed.emulator().control.requests().total).toBe(0);
  });
});
