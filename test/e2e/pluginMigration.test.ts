import { describe, expect, it } from "vitest";
import { createComm100Stack } from "../support/comm100Stack";
import { pluginWebhookClass } from "../../pulumiProject/pluginProgram";
import { pluginDir } from "../support/pluginPrograms";
import { route } from "../support/emulatorTestBed";

const hook = { event: "chatStarts", targetUrl: "https://hooks.example.com/started" };
const args = `{ event: "${hook.event}", targetUrl: "${hook.targetUrl}" }`;
const dynamicProgram = (options: string) => `
import { Comm100Webhook } from "pulumi-comm100";
export const id = new Comm100Webhook("hook", ${args}${options}).id;
`;
const pluginProgram = (options: string) => `
${pluginWebhookClass}
export const id = new Webhook("hook", ${args}${options}).id;
`;

describe("moving a stack from Comm100Webhook to comm100:index:Webhook", () => {
  it("keeps the webhook: no create, no delete, the same id, a clean preview after", async () => {
    const test = await createComm100Stack("plugin-migration", {
      pluginDir,
      program: dynamicProgram(""),
    });
    const up = async () => {
      const result = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(result.stderr).toBe("");
      return result.stdout;
    };
    await up();
    const id = String((await test.outputs()).id.value);

    // 1. retainOnDelete: removing the dynamic resource will leave the webhook in Comm100.
    test.writeProgram(dynamicProgram(", { retainOnDelete: true }"));
    await up();

    // 2. The plugin's resource imports the webhook; the dynamic one leaves the state only.
    test.writeProgram(pluginProgram(`, { import: "${id}" }`));
    test.resetCalls();
    const moved = await up();
    expect(moved).toContain("1 imported");
    expect(moved).toContain("1 deleted");
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(test.remoteWebhooks()).toEqual([{ id, ...hook }]);

    // 3. Without the import option: nothing to do, and the state holds the plugin's resource only.
    test.writeProgram(pluginProgram(""));
    const clean = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(clean.code).toBe(0);
    const state = JSON.parse(await test.exportState());
    const types = state.deployment.resources.map((resource: { type: string }) => resource.type);
    expect(types).toContain("comm100:index:Webhook");
    expect(types).not.toContain("pulumi-nodejs:dynamic/comm100:Webhook");
    expect((await test.outputs()).id.value).toBe(id);
  });
});
