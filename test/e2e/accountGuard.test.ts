import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultToken, startEmulator } from "../../emulator";
import { createComm100Stack, type Comm100Stack } from "../support/comm100Stack";
import { pluginDir } from "../support/pluginPrograms";
import { siteId } from "../support/emulatorTestBed";

/**
 * An account guard on the real engine: a webhook added behind Pulumi's back is named by
 * `preview --refresh`, fails `up` with nothing deleted, and is removed only when removal is
 * opted into; an allowed one is left alone; no output shows an intruder's URL.
 */

const secret = "s3cret-steal-9b1c";
const intruderFields = { event: "chatEnds", targetUrl: `https://evil.example.net/${secret}` };
const partnerFields = { event: "chatStarts", targetUrl: "https://x.partner.example.com/hook" };
const up = ["up", "--yes", "--skip-preview", "--non-interactive"];
const refreshPreview = ["preview", "--refresh", "--non-interactive"];

const tsProgram = (remove: boolean) =>
  [
    'import { Comm100AccountGuard, Comm100Webhook } from "pulumi-comm100";',
    'const own = new Comm100Webhook("own", { event: "chatStarts", targetUrl: "https://crm.example.com/x" });',
    'new Comm100AccountGuard("account", {',
    "  webhookIds: [own.id],",
    '  allow: [{ targetHost: "*.partner.example.com" }],',
    ...(remove ? ["  removeUnexpected: true,"] : []),
    "});",
    "",
  ].join("\n");

const yamlProgram = (ownHost: string, allowedHost: string, extra: string[] = []) =>
  [
    "resources:",
    "  own:",
    "    type: comm100:index:Webhook",
    "    properties:",
    "      event: chatStarts",
    `      targetUrl: https://${ownHost}/hook`,
    "  account:",
    "    type: comm100:index:AccountGuard",
    "    properties:",
    "      webhookIds:",
    "        - ${own.id}",
    "      allow:",
    `        - targetHost: "${allowedHost}"`,
    ...extra.map((line) => `      ${line}`),
    "",
  ].join("\n");

/** Every file below `dir`, as one text. */
function filesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

/**
 * The guard's whole story on `test` (deployed by `deploy`, with removal opted in by
 * `optIntoRemoval`): caught, refused, removed, quiet after.
 */
async function expectIntruderCaught(test: Comm100Stack, optIntoRemoval: () => void) {
  const deployed = await test.cli(up);
  expect(deployed.code).toBe(0);
  const intruder = test.emulator.control.createWebhook(siteId, intruderFields);
  const partner = test.emulator.control.createWebhook(siteId, partnerFields);
  const outputs: string[] = [];

  const caught = await test.cli(refreshPreview);
  outputs.push(caught.stdout, caught.stderr);
  expect(caught.stdout + caught.stderr).toContain(
    `Unexpected webhook in the access token's site at ${test.emulator.baseUrl}: ${intruder.id} ` +
      `(event "chatEnds" to host evil.example.net)`,
  );
  expect(caught.stdout + caught.stderr).not.toContain(partner.id);

  const refused = await test.cli(up);
  outputs.push(refused.stdout, refused.stderr);
  expect(refused.code).not.toBe(0);
  expect(refused.stdout).toContain("holds 1 webhook(s) this stack neither declares nor allows");
  expect(refused.stdout).toContain(`${intruder.id} (event "chatEnds" to host evil.example.net)`);
  expect(refused.stdout).toContain("Nothing was deleted");
  expect(test.remoteWebhooks()).toEqual(expect.arrayContaining([intruder, partner]));

  optIntoRemoval();
  const removed = await test.cli(up);
  outputs.push(removed.stdout, removed.stderr);
  expect(removed.code).toBe(0);
  expect(removed.stdout + removed.stderr).toContain(
    `Removed the unexpected webhook ${intruder.id}`,
  );
  const left = test.remoteWebhooks();
  expect(left).toHaveLength(2);
  expect(left).toContainEqual(partner);
  expect(left).not.toContainEqual(intruder);

  const quiet = await test.cli([...refreshPreview, "--expect-no-changes"]);
  expect(quiet.code).toBe(0);
  for (const text of [
    ...outputs,
    await test.exportState(),
    filesUnder(path.join(test.dir, ".state")),
  ]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(defaultToken);
  }
}

describe("an account guard", () => {
  it("catches a webhook added behind Pulumi's back (Comm100AccountGuard, TypeScript)", async () => {
    const test = await createComm100Stack("guard-ts", { program: tsProgram(false) });
    await expectIntruderCaught(test, () => test.writeProgram(tsProgram(true)));
  });

  it("catches it from YAML (comm100:index:AccountGuard)", async () => {
    const program = yamlProgram("crm.example.com", "*.partner.example.com");
    const test = await createComm100Stack("guard-yaml", { runtime: "yaml", pluginDir, program });
    await expectIntruderCaught(test, () =>
      test.writeProgram(
        yamlProgram("crm.example.com", "*.partner.example.com", ["removeUnexpected: true"]),
      ),
    );
  });

  it("stays quiet for two stacks of one account that allow each other's webhooks", async () => {
    const emulator = await startEmulator();
    const stacks = await Promise.all(
      [
        ["guard-a", "a.example.com", "b.example.com"],
        ["guard-b", "b.example.com", "a.example.com"],
      ].map(([name, own, other]) =>
        createComm100Stack(name, {
          emulator,
          runtime: "yaml",
          pluginDir,
          program: yamlProgram(own, other),
        }),
      ),
    );
    for (const test of stacks) expect((await test.cli(up)).code).toBe(0);
    for (const test of stacks) {
      expect((await test.cli([...refreshPreview, "--expect-no-changes"])).code).toBe(0);
    }
    expect(emulator.control.webhooks(siteId)).toHaveLength(2);
  });

  it("lets a webhook the stack stops declaring be deleted by that run, without complaint", async () => {
    const twoHooks = (both: boolean) =>
      [
        "resources:",
        "  kept:",
        "    type: comm100:index:Webhook",
        "    properties:",
        "      event: chatStarts",
        "      targetUrl: https://crm.example.com/kept",
        ...(both
          ? [
              "  dropped:",
              "    type: comm100:index:Webhook",
              "    properties:",
              "      event: chatEnds",
              "      targetUrl: https://crm.example.com/dropped",
            ]
          : []),
        "  account:",
        "    type: comm100:index:AccountGuard",
        "    properties:",
        "      webhookIds:",
        "        - ${kept.id}",
        ...(both ? ["        - ${dropped.id}"] : []),
        "",
      ].join("\n");
    const test = await createComm100Stack("guard-drop", {
      runtime: "yaml",
      pluginDir,
      program: twoHooks(true),
    });
    expect((await test.cli(up)).code).toBe(0);
    test.writeProgram(twoHooks(false));
    const preview = await test.cli(["preview", "--non-interactive"]);
    expect(preview.stdout).not.toContain("Unexpected webhook");
    const dropped = await test.cli(up);
    expect(dropped.code).toBe(0);
    expect(test.remoteWebhooks()).toEqual([
      expect.objectContaining({ targetUrl: "https://crm.example.com/kept" }),
    ]);
    expect((await test.cli([...refreshPreview, "--expect-no-changes"])).code).toBe(0);
  });

  it("refuses an allow entry that is not a host pattern before any API call", async () => {
    const test = await createComm100Stack("guard-bad", {
      runtime: "yaml",
      pluginDir,
      program: yamlProgram("crm.example.com", "https://partner.example.com/x"),
    });
    const refused = await test.cli(["preview", "--non-interactive"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(
      "allow[0] targetHost must be a host name such as hooks.example.com",
    );
    expect(test.calls()).toBe(0);
  });
});
