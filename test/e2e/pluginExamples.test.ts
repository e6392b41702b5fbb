import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { ProgramRuntime } from "../../pulumiProject/isolatedStack";
import { repoRoot } from "../../pulumiProject/paths";
import { createComm100Stack } from "../support/comm100Stack";
import { pluginDir } from "../support/pluginPrograms";

/** `examples/<runtime>`'s program, without the YAML header a test project writes itself. */
function exampleProgram(runtime: Exclude<ProgramRuntime, "nodejs">): string {
  const dir = path.join(repoRoot, "examples", runtime);
  if (runtime === "python") return readFileSync(path.join(dir, "__main__.py"), "utf8");
  const yaml = readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  return yaml.slice(yaml.indexOf("\nconfig:") + 1);
}

describe.each(["yaml", "python"] as const)("examples/%s", (runtime) => {
  it("deploys its webhooks and subscription to the local server, previews clean, and destroys", async () => {
    const test = await createComm100Stack(`example-${runtime}`, {
      runtime,
      pluginDir,
      program: exampleProgram(runtime),
      config: { [`example-${runtime}:receiverUrl`]: "https://crm.example.com/comm100" },
    });
    const up = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
    expect(up.stderr).toBe("");
    // The stack, two webhooks, the subscription and its two webhooks.
    expect(up.stdout).toContain("6 created");
    const outputs = await test.outputs();
    // The engine creates the two at once: either may come first.
    const byEvent = (a: { event: string }, b: { event: string }) => a.event.localeCompare(b.event);
    const crm = outputs.crmWebhookIds.value;
    expect(test.remoteWebhooks().sort(byEvent)).toEqual([
      {
        id: outputs.chatEndsId.value,
        event: "chatEnds",
        targetUrl: "https://crm.example.com/comm100/chat-ends",
      },
      {
        id: crm.chatIsTransferred,
        event: "chatIsTransferred",
        targetUrl: "https://crm.example.com/comm100/crm",
      },
      {
        id: crm.chatIsWrappedUp,
        event: "chatIsWrappedUp",
        targetUrl: "https://crm.example.com/comm100/crm",
      },
      {
        id: outputs.chatStartsId.value,
        event: "chatStarts",
        targetUrl: "https://crm.example.com/comm100/chat-starts",
      },
    ]);
    expect(Object.keys(crm)).toHaveLength(2);
    expect(outputs.webhooksBefore.value).toEqual([]);

    const preview = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(preview.code).toBe(0);

    const destroy = await test.cli(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([]);
  });
});
