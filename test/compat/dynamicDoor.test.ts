import { describe, expect, it, onTestFinished } from "vitest";
import { webhookResources } from "../support/comm100Stack";
import { createCompatStack, nodeOnPath } from "./compatStack";
import { compatCliVersion, compatNodeVersions, compatSdkVersion } from "./versions";

const first = "https://crm.example.com/comm100/compat-first";
const second = "https://crm.example.com/comm100/compat-second";

/** A program of one `Comm100Webhook`, saying which Node.js and `@pulumi/pulumi` ran it. */
const program = (targetUrl: string) => `
import { Comm100Webhook } from "pulumi-comm100";

const hook = new Comm100Webhook("hook", { event: "chatStarts", targetUrl: ${JSON.stringify(targetUrl)} });
export const hookId = hook.id;
export const nodeVersion = process.version;
export const sdkVersion: string = require("@pulumi/pulumi/package.json").version;
`;

describe.each(compatNodeVersions)(
  `Comm100Webhook from the packed package, @pulumi/pulumi ${compatSdkVersion}, pulumi ${compatCliVersion}, Node.js %s`,
  (node) => {
    it("creates the webhook, previews clean, updates its targetUrl in place and destroys it", async () => {
      // Type-checked by ts-node, as `pulumi new typescript` projects run by default.
      const test = await createCompatStack("compat-dynamic", node, {
        program: program(first),
        typescript: "ts-node-typed",
      });
      onTestFinished(() => test.emulator.close());
      expect(nodeOnPath(test)).toBe(`v${node}`);

      const created = await test.up();
      expect(created.resourceChanges).toEqual({ create: 2 });
      expect(created.stderr).toBe("");
      const outputs = await test.outputs();
      expect(outputs.nodeVersion.value).toBe(`v${node}`);
      expect(outputs.sdkVersion.value).toBe(compatSdkVersion);
      const [hook] = test.remoteWebhooks();
      expect(test.remoteWebhooks()).toEqual([
        { id: outputs.hookId.value, event: "chatStarts", targetUrl: first },
      ]);
      expect(await webhookResources(test)).toEqual([
        expect.objectContaining({
          id: hook.id,
          outputs: expect.objectContaining({ event: "chatStarts", targetUrl: first }),
        }),
      ]);

      const preview = await test.cli(["preview", "--expect-no-changes", "--non-interactive"]);
      expect(preview.code, preview.stdout + preview.stderr).toBe(0);
      expect(preview.stderr).toBe("");

      test.writeProgram(program(second));
      const updated = await test.up();
      expect(updated.resourceChanges).toEqual({ update: 1, same: 1 });
      expect(test.remoteWebhooks()).toEqual([{ ...hook, targetUrl: second }]);
      expect(await webhookResources(test)).toEqual([
        expect.objectContaining({
          id: hook.id,
          outputs: expect.objectContaining({ targetUrl: second }),
        }),
      ]);

      const destroyed = await test.destroy();
      expect(destroyed.resourceChanges).toEqual({ delete: 2 });
      expect(test.remoteWebhooks()).toEqual([]);
      expect(await webhookResources(test)).toEqual([]);
    });
  },
);
