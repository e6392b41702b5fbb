import { describe, expect, it } from "vitest";
import type { Comm100Client } from "../../provider/core/api/client";
import { WebhookDirectory } from "../../provider/core/api/webhookDirectory";
import type { Webhook } from "../../provider/core/webhook/webhookFields";

const first: Webhook = {
  id: "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
  event: "chatStarts",
  targetUrl: "https://crm.example.com/starts",
};
const second: Webhook = {
  id: "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9",
  event: "chatEnds",
  targetUrl: "https://crm.example.com/ends",
};
const third: Webhook = {
  id: "69FAB2B6-1189-4B96-BD06-1CBDADBC1164",
  event: "chatStarts",
  targetUrl: "https://crm.example.com/other",
};

/**
 * An account that counts the calls made to it. Each list answers with the webhooks the account
 * held when it was sent; with `holdLists`, only once `answerList` is called (oldest first, or
 * the one at `index`).
 */
function fakeAccount(webhooks: Webhook[], options: { holdLists?: boolean } = {}) {
  const account = {
    webhooks: [...webhooks],
    calls: { list: 0, get: 0 },
    held: [] as Array<() => void>,
    answerList: (index = 0) => account.held.splice(index, 1)[0]?.(),
  };
  const client: Pick<Comm100Client, "list" | "get"> = {
    list: () => {
      account.calls.list++;
      const answer = [...account.webhooks];
      if (!options.holdLists) return Promise.resolve(answer);
      return new Promise((resolve) => account.held.push(() => resolve(answer)));
    },
    get: async (id) => {
      account.calls.get++;
      return account.webhooks.find((webhook) => webhook.id === id);
    },
  };
  let time = 0;
  const clock = { advance: (ms: number) => (time += ms) };
  const directory = new WebhookDirectory(client as Comm100Client, () => time);
  return { account, directory, clock };
}

/** A directory that listed `first`, of an account that gained `second` since (elsewhere). */
async function listedBeforeSecondAppeared() {
  const listed = fakeAccount([first]);
  await listed.directory.all();
  listed.account.webhooks.push(second);
  return listed;
}

describe("the webhooks of an account as one provider process knows them", () => {
  it("are listed once for reads made at the same time", async () => {
    const { account, directory } = fakeAccount([first, second]);

    const reads = await Promise.all([directory.all(), directory.all(), directory.find(second.id)]);

    expect(reads).toEqual([[first, second], [first, second], second]);
    expect(account.calls).toEqual({ list: 1, get: 0 });
  });

  it("serve reads from one list answer for five seconds, then are listed again", async () => {
    const { account, directory, clock } = await listedBeforeSecondAppeared();

    clock.advance(5000);
    expect(await directory.all()).toEqual([first]);
    clock.advance(1);
    expect(await directory.all()).toEqual([first, second]);
    expect(account.calls.list).toBe(2);
  });

  it("are listed again when asked for fresh, however recent the last answer", async () => {
    const { account, directory } = await listedBeforeSecondAppeared();

    expect(await directory.all({ fresh: true })).toEqual([first, second]);
    expect(account.calls.list).toBe(2);
  });

  it("stay true to this process's own writes without another list", async () => {
    const { account, directory } = fakeAccount([first, second]);
    await directory.all();
    const moved = { ...first, targetUrl: "https://crm.example.com/moved" };

    directory.remember(moved);
    directory.remember(third);
    directory.forget(second.id.toLowerCase());

    expect(await directory.all()).toEqual([moved, third]);
    expect(account.calls.list).toBe(1);
  });

  it("keep the writes made while a list was under way, whose answer predates them", async () => {
    const { account, directory } = fakeAccount([first, second], { holdLists: true });
    const listing = directory.all();

    directory.remember(third);
    directory.forget(second.id);
    account.answerList();

    expect(await listing).toEqual([first, third]);
    expect(await directory.all()).toEqual([first, third]);
    expect(account.calls.list).toBe(1);
  });

  it("keep a fresh list's answer when an older list answers after it", async () => {
    const { account, directory } = fakeAccount([first], { holdLists: true });
    const older = directory.all();
    account.webhooks.push(second);
    const fresh = directory.all({ fresh: true });

    account.answerList(1);
    expect(await fresh).toEqual([first, second]);
    account.answerList(0);
    await older;

    expect(await directory.all()).toEqual([first, second]);
    expect(account.calls.list).toBe(2);
  });

  it("find a webhook the list does not have by asking Comm100, and remember it", async () => {
    const { account, directory } = await listedBeforeSecondAppeared();

    expect(await directory.find(second.id)).toEqual(second);
    expect(await directory.find(second.id.toLowerCase())).toEqual(second);
    expect(await directory.all()).toEqual([first, second]);
    expect(account.calls).toEqual({ list: 1, get: 1 });
  });

  it("find nothing when Comm100 confirms there is no such webhook", async () => {
    const { account, directory } = fakeAccount([first]);

    expect(await directory.find(third.id)).toBeUndefined();
    expect(await directory.all()).toEqual([first]);
    expect(account.calls).toEqual({ list: 1, get: 1 });
  });
});
