import { describe, expect, it } from "vitest";
import {
  delete as deleteWebhook,
  diff,
  read,
  update,
} from "../../provider/dynamic/processLifecycle";
import type { WebhookOutputs } from "../../provider/core/lifecycle/webhookLifecycle";
import {
  defaultAdmin,
  defaultRotatedToken,
  defaultToken,
  secondAccount,
  secondToken,
  type StoredWebhook,
} from "../../emulator";
import { missingId, route, siteId } from "../support/emulatorTestBed";
import {
  apiKey,
  bearer,
  chatEnds,
  chatStarts,
  configureProvider,
  createWebhook,
  expectNoSecrets,
  newProviderProcess,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

const bed = useProviderTestBed();

/**
 * A delete of `webhook` in this run (its state `state`) makes no API call and leaves it, since
 * another resource of the run holds it; the next run's delete (state `nextState`) removes it.
 */
async function expectDeletedOnlyByNextRun(
  webhook: StoredWebhook,
  state: WebhookOutputs,
  nextState: WebhookOutputs = state,
): Promise<void> {
  await deleteWebhook(webhook.id, state);
  expect(bed.calls()).toEqual({});
  expect(bed.remote()).toEqual([webhook]);

  await newProviderProcess();
  await deleteWebhook(webhook.id, nextState);
  expect(bed.calls()).toEqual({ [route.delete]: 1 });
  expect(bed.remote()).toEqual([]);
}

/** How long after its arrival the emulator applies the POST that commits late. */
const lateCommitMs = 800;

/**
 * Stack config under which a POST times out long before it commits: 300 ms per try, no retry by
 * the client, and the given wait for an unconfirmed create (`comm100:createSettleMs`).
 */
async function slowCommitSettings(createSettleMs: number): Promise<void> {
  await configureProvider({
    "comm100:requestTimeoutMs": "300",
    "comm100:maxRetries": "0",
    "comm100:retryBaseDelayMs": "50",
    "comm100:createSettleMs": String(createSettleMs),
  });
  bed.emulator().control.setFaults({
    rate: 1,
    kinds: ["lateCommit"],
    lateCommitMs,
    count: 1,
    methods: ["POST"],
  });
}

/** The site each API request of the test went to, in order, as `"<METHOD> <site>"`. */
function sitesCalled(): string[] {
  return bed
    .emulator()
    .control.requests()
    .entries.map((entry) => `${entry.method} ${entry.siteId}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a create whose POST commits after the client gave up", () => {
  it("is awaited for comm100:createSettleMs: one POST, several lists, exactly one webhook", async () => {
    await slowCommitSettings(1500);

    const created = await createWebhook(chatStarts);
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
    expect(created.outs).toEqual(bed.stateOf(chatStarts));
    const calls = bed.calls();
    expect(calls[route.create]).toBe(1);
    expect(calls[route.list]).toBeGreaterThan(1);
  });

  it("is sent again when it commits later than comm100:createSettleMs, the README's bound: two webhooks", async () => {
    await slowCommitSettings(0);
    const started = Date.now();

    const created = await createWebhook(chatStarts);
    expect(bed.calls()[route.create]).toBe(2);
    await sleep(Math.max(0, started + lateCommitMs + 300 - Date.now()));
    const remote = bed.remote();
    expect(remote).toHaveLength(2);
    expect(remote.map((webhook) => webhook.id)).toContain(created.id);
    for (const webhook of remote) expect(webhook).toMatchObject(chatStarts);
  });
});

describe("a webhook belongs to one resource of the run", () => {
  it("one adopted by a new resource is not deleted by the removed resource in the same run; the next run deletes it", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const renamed = { ...chatStarts, adoptId: existing.id };
    await newProviderProcess();

    expect((await createWebhook(renamed)).id).toBe(existing.id);
    bed.clearCalls();
    await expectDeletedOnlyByNextRun(existing, bed.stateOf(chatStarts), bed.stateOf(renamed));
  });

  it("one that diff of a kept resource saw is not deleted by another resource in the same run; the next run deletes it", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    await newProviderProcess();

    expect(await diff(existing.id, bed.stateOf(chatStarts), chatStarts)).toMatchObject({
      changes: false,
      replaces: [],
    });
    await expectDeletedOnlyByNextRun(existing, bed.stateOf(chatStarts));
  });

  it("an adoptId of a webhook another resource of the run keeps is refused, changing nothing", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    await newProviderProcess();
    await diff(existing.id, bed.stateOf(chatStarts), chatStarts);
    bed.clearCalls();

    const refused = await rejectionOf(createWebhook({ ...chatEnds, adoptId: existing.id }));
    expect(refused.message).toContain(
      `adoptId ${existing.id}: another resource manages this webhook; a webhook belongs to one resource`,
    );
    expect(bed.remote()).toEqual([existing]);
    expect(bed.calls()[route.update]).toBeUndefined();
  });

  it("an adoptId that this run deleted (delete-before-replace) creates a new webhook instead of failing", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const inputs = { ...chatStarts, adoptId: existing.id };
    await newProviderProcess();

    await deleteWebhook(existing.id, bed.stateOf(inputs));
    const created = await createWebhook(inputs);
    expect(created.id).not.toBe(existing.id);
    expect(created.outs).toEqual(bed.stateOf(inputs));
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
    expect(bed.calls()).toEqual({ [route.delete]: 1, [route.list]: 1, [route.create]: 1 });
  });

  it("an update to the values of another webhook is refused, naming it, before any change", async () => {
    const changing = bed.emulator().control.createWebhook(siteId, chatStarts);
    const twin = bed.emulator().control.createWebhook(siteId, chatEnds);

    const error = await rejectionOf(update(changing.id, bed.stateOf(chatStarts), chatEnds));
    expect(error.message).toContain(`Webhook ${changing.id} cannot become event "chatEnds"`);
    expect(error.message).toContain(`webhook ${twin.id} already has exactly these values`);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
    expect(bed.remote()).toEqual([changing, twin]);
  });

  it("two creates of one webhook at once through two credential sets for one site make it once", async () => {
    const outcomes = await Promise.allSettled([
      createWebhook({ ...chatStarts, connection: bearer(bed.emulator(), defaultToken) }),
      createWebhook({ ...chatStarts, connection: apiKey(bed.emulator(), defaultAdmin) }),
    ]);

    const created = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value] : [],
    );
    const failed = outcomes.flatMap((outcome) =>
      outcome.status === "rejected" ? [String(outcome.reason)] : [],
    );
    expect(created).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain(
      "This Comm100Webhook and another resource declare the same webhook",
    );
    expect(failed[0]).toContain(`holds it as id ${created[0].id}`);
    expect(bed.remote()).toEqual([{ id: created[0].id, ...chatStarts }]);
    expect(bed.calls()[route.create]).toBe(1);
  });

  // A list answer is kept per credential set for 5 s: a writer lists again when another
  // credential set wrote the same event and URL last, even if that write ended before.
  it("two creates of one webhook one after the other through two credential sets for one site make it once", async () => {
    const viaToken = bearer(bed.emulator(), defaultToken);
    await createWebhook({ ...chatEnds, connection: viaToken });
    const first = await createWebhook({
      ...chatStarts,
      connection: apiKey(bed.emulator(), defaultAdmin),
    });

    const error = await rejectionOf(createWebhook({ ...chatStarts, connection: viaToken }));
    expect(error.message).toContain(`holds it as id ${first.id}`);
    expect(bed.remote().filter((webhook) => webhook.event === "chatStarts")).toHaveLength(1);
  });

  it("an update through one credential set to the values another just created is refused", async () => {
    const viaToken = bearer(bed.emulator(), defaultToken);
    const changing = await createWebhook({ ...chatEnds, connection: viaToken });
    const twin = await createWebhook({
      ...chatStarts,
      connection: apiKey(bed.emulator(), defaultAdmin),
    });

    const error = await rejectionOf(
      update(changing.id, changing.outs, { ...chatStarts, connection: viaToken }),
    );
    expect(error.message).toContain(`webhook ${twin.id} already has exactly these values`);
    expect(bed.calls()[route.update]).toBeUndefined();
  });
});

describe("diff when the connection names another account or new credentials", () => {
  it("another site is a replacement: made in the new site, deleted from the recorded one", async () => {
    const olds = { ...chatStarts, connection: bearer(bed.emulator(), defaultToken) };
    const news = { ...chatStarts, connection: bearer(bed.emulator(), secondToken) };
    const created = await createWebhook(olds);
    await newProviderProcess();
    bed.clearCalls();

    expect(await diff(created.id, created.outs, news)).toEqual({
      changes: true,
      replaces: ["connection"],
      deleteBeforeReplace: false,
    });
    expect(bed.calls()).toEqual({ [route.list]: 1, [route.get]: 1 });
    expect(sitesCalled()).toEqual([`GET ${secondAccount.siteId}`, `GET ${secondAccount.siteId}`]);

    bed.clearCalls();
    const moved = await createWebhook(news);
    await deleteWebhook(created.id, created.outs);
    expect(moved.outs).toEqual(bed.stateOf(news));
    expect(bed.remote(secondAccount.siteId)).toEqual([{ id: moved.id, ...chatStarts }]);
    expect(bed.remote(siteId)).toEqual([]);
    expect(sitesCalled()).toEqual([`POST ${secondAccount.siteId}`, `DELETE ${siteId}`]);
  });

  it("another site named by stack config is a replacement that deletes from the recorded site, not the configured one", async () => {
    const created = await createWebhook(chatStarts);
    await newProviderProcess({
      "comm100:baseUrl": bed.emulator().baseUrl,
      "comm100:accessToken": secondToken,
    });
    bed.clearCalls();

    expect(await diff(created.id, created.outs, chatStarts)).toMatchObject({
      changes: true,
      replaces: ["connection"],
    });
    const moved = await createWebhook(chatStarts);
    await deleteWebhook(created.id, created.outs);
    expect(moved.outs).toEqual({ ...chatStarts, account: bearer(bed.emulator(), secondToken) });
    expect(bed.remote(secondAccount.siteId)).toEqual([{ id: moved.id, ...chatStarts }]);
    expect(bed.remote(siteId)).toEqual([]);
    expect(sitesCalled()).toEqual([
      `GET ${secondAccount.siteId}`,
      `GET ${secondAccount.siteId}`,
      `POST ${secondAccount.siteId}`,
      `DELETE ${siteId}`,
    ]);
  });

  it("a rotated token for the same site is an update: diff asks once, update makes no call and records the new token", async () => {
    const olds = { ...chatStarts, connection: bearer(bed.emulator(), defaultToken) };
    const news = { ...chatStarts, connection: bearer(bed.emulator(), defaultRotatedToken) };
    const created = await createWebhook(olds);
    await newProviderProcess();
    bed.clearCalls();

    expect(await diff(created.id, created.outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(bed.calls()).toEqual({ [route.list]: 1 });

    bed.clearCalls();
    const updated = await update(created.id, created.outs, news);
    expect(updated.outs).toEqual(bed.stateOf(news));
    expect(updated.outs?.account).toEqual(bearer(bed.emulator(), defaultRotatedToken));
    expect(bed.calls()).toEqual({});
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
  });

  it("a new API key for the same agent, site and base URL is an update decided without any API call", async () => {
    const connection = apiKey(bed.emulator(), defaultAdmin);
    const created = await createWebhook({ ...chatStarts, connection });
    await newProviderProcess();
    bed.clearCalls();
    const news = { ...chatStarts, connection: { ...connection, apiKey: "a-newly-issued-key" } };

    expect(await diff(created.id, created.outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(bed.calls()).toEqual({});
  });

  it("a new credential the API rejects (401) fails diff with the 401 before any change", async () => {
    const created = await createWebhook(chatStarts);
    await newProviderProcess();
    bed.clearCalls();
    const news = { ...chatStarts, connection: bearer(bed.emulator(), "not-a-known-token") };

    const error = await rejectionOf(diff(created.id, created.outs, news));
    expect(error.message).toContain("HTTP 401");
    expectNoSecrets(error, ["not-a-known-token"]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
  });
});

describe("read of a webhook whose recorded credentials are rejected", () => {
  const revoked = (): WebhookOutputs => ({
    ...chatStarts,
    account: { baseUrl: bed.emulator().baseUrl, accessToken: "revoked-token" },
  });

  it("finds it with the current settings and records their account", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);

    const result = await read(existing.id, revoked());
    expect(result).toEqual({ id: existing.id, props: bed.stateOf(chatStarts), inputs: chatStarts });
    expect(result.props?.account).toEqual(bearer(bed.emulator(), defaultToken));
  });

  it("fails saying what to do when the current settings do not reach it either", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    process.env.COMM100_ACCESS_TOKEN = secondToken;

    const error = await rejectionOf(read(existing.id, revoked()));
    expect(error.message).toContain(`Webhook ${existing.id} lives in`);
    expect(error.message).toContain("rejected the credentials it was made with");
    expect(error.message).toContain("pulumi state delete");
    expectNoSecrets(error, ["revoked-token", secondToken]);
    expect(bed.remote()).toEqual([existing]);
  });
});

describe("an id the account does not have", () => {
  it("fails Comm100Webhook.get (no recorded event) and is dropped by refresh (recorded event)", async () => {
    const getError = await rejectionOf(read(missingId, {}));
    expect(getError.message).toMatch(
      new RegExp(
        `^Comm100Webhook ${missingId}: .* has no webhook with this id\\. Check the id \\(getWebhooks\\(\\) lists them\\) and give the connection of the account it is in\\.$`,
      ),
    );

    expect(await read(missingId, bed.stateOf(chatStarts))).toEqual({});
  });
});
