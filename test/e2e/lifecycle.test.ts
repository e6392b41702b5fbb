import { describe, expect, it } from "vitest";
import {
  createComm100Stack,
  exampleFiles,
  webhookResources,
  webhooksProgram,
} from "../support/comm100Stack";
import { route, siteId } from "../support/emulatorTestBed";

const hooks = {
  chatStarted: { event: "chatStarts", targetUrl: "https://hooks.example.com/started" },
  chatEnded: { event: "chatEnds", targetUrl: "https://hooks.example.com/ended" },
};

describe("a stack of webhooks through the whole lifecycle", () => {
  it("creates, previews, refreshes, repairs drift, updates in place and destroys", async () => {
    const test = await createComm100Stack("lifecycle", { program: webhooksProgram(hooks) });

    // 1. up creates exactly the declared webhooks: one shared list (duplicate check) + a POST each.
    const up = await test.up();
    expect(up.resourceChanges).toEqual({ create: 3 });
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.create]: 2,
    });
    const outputs = await test.outputs();
    const remote = test.remoteWebhooks();
    expect(remote).toHaveLength(2);
    expect(remote).toContainEqual({ id: outputs.chatStartedId.value, ...hooks.chatStarted });
    expect(remote).toContainEqual({ id: outputs.chatEndedId.value, ...hooks.chatEnded });

    // 2. preview right after: no changes, no API call.
    test.resetCalls();
    const preview = await test.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(test.calls()).toBe(0);

    // 3. refresh with nothing changed: no changes, one list call answers every read.
    const refresh = await test.refresh({ expectNoChanges: true });
    expect(refresh.resourceChanges).toEqual({ same: 3 });
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });

    // 4. An out-of-band edit shows as an update in `preview --refresh`; `up --refresh` restores it.
    const endedId = String(outputs.chatEndedId.value);
    test.emulator.control.updateWebhook(siteId, endedId, {
      targetUrl: "https://evil.example.com/x",
    });
    const drift = await test.cli(["preview", "--refresh", "--diff", "--non-interactive"]);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toMatch(
      /~ targetUrl: "https:\/\/evil\.example\.com\/x" => "https:\/\/hooks\.example\.com\/ended"/,
    );
    expect(drift.stdout).toContain("1 to update");
    test.resetCalls();
    const repair = await test.up({ refresh: true });
    expect(repair.resourceChanges).toEqual({ update: 1, same: 2 });
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.update]: 1,
    });
    expect(test.remoteWebhooks()).toContainEqual({ id: endedId, ...hooks.chatEnded });

    // 5. An out-of-band delete: refresh drops it, up recreates it.
    test.emulator.control.deleteWebhook(siteId, endedId);
    const dropped = await test.refresh();
    expect(dropped.resourceChanges).toMatchObject({ delete: 1 });
    expect((await webhookResources(test)).map((r) => r.id)).not.toContain(endedId);
    const recreate = await test.up();
    expect(recreate.resourceChanges).toEqual({ create: 1, same: 2 });
    const recreatedId = String((await test.outputs()).chatEndedId.value);
    expect(recreatedId).not.toBe(endedId);
    expect(test.remoteWebhooks()).toHaveLength(2);

    // 6. Changing event and targetUrl in the program: in-place update (PUT), same id, no replace;
    //    one list first makes sure no other webhook already has the new values.
    test.writeProgram(
      webhooksProgram({
        chatStarted: { event: "chatIsRequested", targetUrl: "https://hooks.example.com/started" },
        chatEnded: { event: "chatEnds", targetUrl: "https://hooks.example.com/v2/ended" },
      }),
    );
    test.resetCalls();
    const change = await test.up();
    expect(change.resourceChanges).toEqual({ update: 2, same: 1 });
    expect(test.callsByRoute()).toEqual({
      [route.list]: 1,
      [route.update]: 2,
    });
    const changed = await test.outputs();
    expect(changed.chatStartedId.value).toBe(outputs.chatStartedId.value);
    expect(changed.chatEndedId.value).toBe(recreatedId);
    expect(test.remoteWebhooks()).toEqual(
      expect.arrayContaining([
        {
          id: outputs.chatStartedId.value,
          event: "chatIsRequested",
          targetUrl: "https://hooks.example.com/started",
        },
        { id: recreatedId, event: "chatEnds", targetUrl: "https://hooks.example.com/v2/ended" },
      ]),
    );

    // 9. destroy removes everything, even when one webhook is already gone.
    test.emulator.control.deleteWebhook(siteId, recreatedId);
    test.resetCalls();
    const destroy = await test.destroy();
    expect(destroy.resourceChanges).toEqual({ delete: 3 });
    expect(test.callsByRoute()).toEqual({ [route.delete]: 2 });
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});

describe("examples/basic", () => {
  it("previews a webhook whose targetUrl is unknown until deploy, then deploys it", async () => {
    const test = await createComm100Stack("basic", exampleFiles("basic"));
    const preview = await test.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 5 });
    expect(preview.stdout).toContain("chat-started");
    expect(test.calls()).toBe(0);

    const up = await test.up();
    expect(up.resourceChanges).toEqual({ create: 5 });
    const { endpointUrl, webhookIds } = await test.outputs();
    const remote = test.remoteWebhooks();
    expect(remote).toHaveLength(3);
    expect(remote).toContainEqual({
      id: webhookIds.value.chatStarted,
      event: "chatStarts",
      targetUrl: endpointUrl.value,
    });
    expect(String(endpointUrl.value)).toMatch(/^https:\/\/crm\.example\.com\/hooks\/endpoint-/);

    await test.stack.preview({ expectNoChanges: true });
    await test.destroy();
    expect(test.remoteWebhooks()).toEqual([]);
    await test.emulator.close();
  });
});
