import { describe, expect, it } from "vitest";
import { defaultToken } from "../../emulator";
import type { ProgramRuntime } from "../../pulumiProject/isolatedStack";
import { createComm100Stack } from "../support/comm100Stack";
import { pluginDir, pluginProgram } from "../support/pluginPrograms";
import { route, siteId } from "../support/emulatorTestBed";

const hooks = {
  started: { event: "chatStarts", targetUrl: "https://hooks.example.com/started" },
  ended: { event: "chatEnds", targetUrl: "https://hooks.example.com/ended" },
};

const runtimes: ProgramRuntime[] = ["yaml", "python", "nodejs"];

describe.each(runtimes)("comm100:index:Webhook from a %s program", (runtime) => {
  it("creates, previews, repairs drift, updates in place, imports and destroys", async () => {
    const test = await createComm100Stack(`plugin-${runtime}`, {
      runtime,
      pluginDir,
      program: pluginProgram(runtime, hooks),
    });
    const up = async (...args: string[]) => {
      const result = await test.cli([
        "up",
        "--yes",
        "--skip-preview",
        "--non-interactive",
        ...args,
      ]);
      expect(result.stderr + result.stdout).not.toMatch(/error:/);
      expect(result.code).toBe(0);
      return result.stdout;
    };

    // 1. up makes exactly the declared webhooks: one list (duplicate check) and a POST each.
    expect(await up()).toContain("3 created");
    expect(test.callsByRoute()).toEqual({ [route.list]: 1, [route.create]: 2 });
    const ids = await test.outputs();
    expect(test.remoteWebhooks()).toEqual(
      expect.arrayContaining([
        { id: ids.startedId.value, ...hooks.started },
        { id: ids.endedId.value, ...hooks.ended },
      ]),
    );

    // 2. preview right after: no change, no API call.
    test.resetCalls();
    const quiet = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(quiet.code).toBe(0);
    expect(test.calls()).toBe(0);

    // 3. An out-of-band edit shows in `preview --refresh`; `up --refresh` restores it.
    const endedId = String(ids.endedId.value);
    test.emulator.control.updateWebhook(siteId, endedId, {
      targetUrl: "https://evil.example.com/x",
    });
    const drift = await test.cli(["preview", "--refresh", "--diff", "--non-interactive"]);
    expect(drift.stdout).toMatch(
      /~ targetUrl: "https:\/\/evil\.example\.com\/x" => "https:\/\/hooks\.example\.com\/ended"/,
    );
    test.resetCalls();
    await up("--refresh");
    expect(test.callsByRoute()).toEqual({ [route.list]: 1, [route.update]: 1 });
    expect(test.remoteWebhooks()).toContainEqual({ id: endedId, ...hooks.ended });

    // 4. A new target URL updates in place: same id, one PUT.
    const moved = {
      ...hooks,
      ended: { ...hooks.ended, targetUrl: "https://hooks.example.com/v2" },
    };
    test.writeProgram(pluginProgram(runtime, moved));
    test.resetCalls();
    expect(await up()).toContain("1 updated");
    expect(test.callsByRoute()).toEqual({ [route.list]: 1, [route.update]: 1 });
    expect(test.remoteWebhooks()).toContainEqual({ id: endedId, ...moved.ended });

    // 5. `pulumi import` of a webhook made by hand; the program then declares it: clean preview.
    const handMade = test.emulator.control.createWebhook(siteId, {
      event: "chatIsWrappedUp",
      targetUrl: "https://hooks.example.com/wrapped",
    });
    const imported = await test.cli([
      "import",
      "comm100:index:Webhook",
      "wrapped",
      handMade.id,
      "--yes",
      "--non-interactive",
      "--protect=false",
      "--generate-code=false",
    ]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("1 imported");
    const withImported = {
      ...moved,
      wrapped: { event: handMade.event, targetUrl: handMade.targetUrl },
    };
    test.writeProgram(pluginProgram(runtime, withImported));
    test.resetCalls();
    const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(clean.code).toBe(0);
    expect(test.calls()).toBe(0);

    // 6. The token is in no state and no output.
    const state = await test.exportState();
    expect(state).not.toContain(defaultToken);
    expect(quiet.stdout + drift.stdout + imported.stdout).not.toContain(defaultToken);

    // 7. destroy removes every webhook, the imported one too.
    const destroy = await test.cli(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
  });
});

describe("comm100:index:Webhook messages in a python program", () => {
  it("names the explicit provider whose settings are missing, and its property", async () => {
    const test = await createComm100Stack("plugin-python-provider", {
      runtime: "python",
      pluginDir,
      program: "",
    });
    test.writeProgram(
      [
        "import pulumi",
        "import pulumi_comm100 as comm100",
        "",
        `site3 = comm100.Provider("site3", base_url=${JSON.stringify(test.emulator.baseUrl)})`,
        'comm100.Webhook("hook", event="chatStarts",',
        '    target_url="https://hooks.example.com/s3cret-receiver",',
        "    opts=pulumi.ResourceOptions(provider=site3))",
        "",
      ].join("\n"),
    );
    const refused = await test.cli(["preview", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    const text = refused.stdout + refused.stderr;
    expect(text).toContain(
      'Comm100 connection settings from the properties of pulumi:providers:comm100 "site3" are ' +
        "not usable: accessToken (or agentEmail + apiKey + siteId) is missing. Give " +
        'pulumi:providers:comm100 "site3" the properties baseUrl and accessToken',
    );
    expect(text).not.toMatch(/stack config are not usable|connection` argument|s3cret-receiver/);
    expect(test.calls()).toBe(0);
  });
});
