import { describe, expect, it, onTestFinished } from "vitest";
import { webhookResources } from "../support/comm100Stack";
import { pluginDir, pluginProgram } from "../support/pluginPrograms";
import { createCompatStack, nodeOnPath } from "./compatStack";
import { compatCliVersion, compatNodeVersions } from "./versions";

const hook = { event: "chatEnds", targetUrl: "https://crm.example.com/comm100/compat-plugin" };

describe.each(compatNodeVersions)(
  `comm100:index:Webhook in YAML, the plugin bundle, pulumi ${compatCliVersion}, Node.js %s`,
  (node) => {
    it("creates the webhook, previews clean and destroys it", async () => {
      const test = await createCompatStack("compat-plugin", node, {
        runtime: "yaml",
        pluginDir,
        program: pluginProgram("yaml", { hook }),
      });
      onTestFinished(() => test.emulator.close());
      // The plugin is a `#!/usr/bin/env node` script: it runs on the first `node` on PATH.
      expect(nodeOnPath(test)).toBe(`v${node}`);

      const up = await test.cli(["up", "--yes", "--skip-preview", "--non-interactive"]);
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(up.stderr).toBe("");
      const [created] = test.remoteWebhooks();
      expect(test.remoteWebhooks()).toEqual([{ id: expect.any(String), ...hook }]);
      expect((await test.outputs()).hookId.value).toBe(created.id);
      expect(await webhookResources(test, "comm100:index:Webhook")).toEqual([
        expect.objectContaining({ id: created.id, outputs: expect.objectContaining(hook) }),
      ]);

      const preview = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
      expect(preview.code, preview.stdout + preview.stderr).toBe(0);
      expect(test.remoteWebhooks()).toEqual([created]);

      const destroy = await test.cli(["destroy", "--yes", "--non-interactive"]);
      expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
      expect(test.remoteWebhooks()).toEqual([]);
      expect(await webhookResources(test, "comm100:index:Webhook")).toEqual([]);
    });
  },
);
