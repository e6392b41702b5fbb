import { describe, expect, it } from "vitest";
import {
  defaultAdmin,
  defaultRotatedToken,
  defaultToken,
  secondAccount,
  secondToken,
  startEmulator,
  type RunningEmulator,
} from "../../emulator";
import { createComm100Stack, webhookResources, type Comm100Stack } from "../support/comm100Stack";
import { missingId, route, siteId } from "../support/emulatorTestBed";

// The account a webhook lives in is part of its identity. On the real engine: settings that name
// another account move the webhook there and leave nothing behind; rotated credentials for the
// same account move nothing; a create that commits late is not doubled.

const hook = { event: "chatStarts", targetUrl: "https://hooks.example.com/chat-start" };
const program = `import { Comm100Webhook } from "pulumi-comm100";
export const id = new Comm100Webhook("hook", ${JSON.stringify(hook)} as any).id;
`;

/** The webhooks of `site` on `emulator` (default: the stack's own emulator). */
function webhooksIn(test: Comm100Stack, site: string, emulator: RunningEmulator = test.emulator) {
  return emulator.control.webhooks(site);
}

/** State equals what the accounts hold: one webhook, in `site` of `emulator`, with its id. */
async function expectOnlyIn(test: Comm100Stack, site: string, emulator = test.emulator) {
  const [resource, ...others] = await webhookResources(test);
  expect(others).toEqual([]);
  expect(webhooksIn(test, site, emulator)).toEqual([{ id: resource.id, ...hook }]);
  expect(String((await test.outputs()).id.value)).toBe(resource.id);
  await test.stack.preview({ expectNoChanges: true });
  return resource.id;
}

describe("stack config that names another account", () => {
  it("moves the webhook there (refresh first changes nothing); destroy leaves both empty", async () => {
    const test = await createComm100Stack("config-move", { program });
    await test.up();
    const [original] = webhooksIn(test, siteId);

    await test.stack.setConfig("comm100:accessToken", { value: secondToken, secret: true });
    // A refresh reads the webhook where it lives: nothing is dropped, nothing recreated later.
    const refresh = await test.cli(["refresh", "--yes", "--non-interactive", "--run-program"]);
    expect(refresh.code).toBe(0);
    expect(await webhookResources(test)).toMatchObject([{ id: original.id }]);

    test.resetCalls();
    const move = await test.cli(["up", "--yes", "--non-interactive", "--diff"]);
    expect(move.code).toBe(0);
    expect(move.stdout).toContain("1 replaced");
    expect(webhooksIn(test, siteId)).toEqual([]);
    const movedId = await expectOnlyIn(test, secondAccount.siteId);
    expect(movedId).not.toBe(original.id);

    await test.destroy();
    expect(webhooksIn(test, siteId)).toEqual([]);
    expect(webhooksIn(test, secondAccount.siteId)).toEqual([]);
    await test.emulator.close();
  });

  it("of another data centre (base URL) moves it to that server", async () => {
    const other = await startEmulator();
    const test = await createComm100Stack("data-centre-move", { program });
    await test.up();

    await test.stack.setConfig("comm100:baseUrl", { value: other.baseUrl });
    const move = await test.up();
    expect(move.resourceChanges).toEqual({ replace: 1, same: 1 });
    expect(webhooksIn(test, siteId)).toEqual([]);
    await expectOnlyIn(test, siteId, other);

    await test.destroy();
    expect(webhooksIn(test, siteId, other)).toEqual([]);
    await Promise.all([test.emulator.close(), other.close()]);
  });

  it("with a rotated token for the same account moves nothing: one list call, same id", async () => {
    const test = await createComm100Stack("config-rotate", { program });
    await test.up();
    const [original] = webhooksIn(test, siteId);

    await test.stack.setConfig("comm100:accessToken", { value: defaultRotatedToken, secret: true });
    test.resetCalls();
    const rotate = await test.up();
    expect(rotate.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(await expectOnlyIn(test, siteId)).toBe(original.id);

    await test.destroy();
    expect(webhooksIn(test, siteId)).toEqual([]);
    await test.emulator.close();
  });

  it("switching from an access token to an agent's API key of the same site moves nothing", async () => {
    const test = await createComm100Stack("config-scheme", { program });
    await test.up();
    const [original] = webhooksIn(test, siteId);

    await test.stack.removeConfig("comm100:accessToken");
    await test.stack.setAllConfig({
      "comm100:agentEmail": { value: defaultAdmin.email },
      "comm100:apiKey": { value: defaultAdmin.apiKey, secret: true },
      "comm100:siteId": { value: siteId },
    });
    test.resetCalls();
    const change = await test.up();
    expect(change.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(test.callsByRoute()).toEqual({ [route.list]: 1 });
    expect(await expectOnlyIn(test, siteId)).toBe(original.id);
    await test.emulator.close();
  });
});

describe("a `connection` argument that names another account", () => {
  it("moves the webhook; destroy then removes it from the new account, the old stays empty", async () => {
    const test = await createComm100Stack("connection-move", {
      noConnectionConfig: true,
      program: `import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";
const config = new pulumi.Config();
export const id = new Comm100Webhook("hook", { ...${JSON.stringify(hook)} as any,
  connection: { baseUrl: config.require("baseUrl"), accessToken: config.requireSecret("token") },
}).id;
`,
    });
    await test.stack.setAllConfig({
      "connection-move:baseUrl": { value: test.emulator.baseUrl },
      "connection-move:token": { value: defaultToken, secret: true },
    });
    await test.up();
    const [original] = webhooksIn(test, siteId);

    await test.stack.setConfig("connection-move:token", { value: secondToken, secret: true });
    const move = await test.up();
    expect(move.resourceChanges).toEqual({ replace: 1, same: 1 });
    expect(webhooksIn(test, siteId)).toEqual([]);
    expect(await expectOnlyIn(test, secondAccount.siteId)).not.toBe(original.id);

    await test.destroy();
    expect(webhooksIn(test, siteId)).toEqual([]);
    expect(webhooksIn(test, secondAccount.siteId)).toEqual([]);
    await test.emulator.close();
  });
});

describe("a create whose POST commits after the client gave up", () => {
  it("is waited for, not sent again: exactly one webhook", async () => {
    const test = await createComm100Stack("late-commit", {
      program,
      config: {
        "comm100:requestTimeoutMs": "1000",
        "comm100:maxRetries": "0",
        "comm100:createSettleMs": "4000",
      },
    });
    test.emulator.control.setFaults({
      rate: 1,
      kinds: ["lateCommit"],
      lateCommitMs: 1500,
      count: 1,
      methods: ["POST"],
    });
    const up = await test.up();
    expect(up.resourceChanges).toEqual({ create: 2 });
    expect(test.callsByRoute()[route.create]).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectOnlyIn(test, siteId);
    await test.emulator.close();
  });
});

describe("Comm100Webhook.get", () => {
  it("fails for an id the account does not have, and reads another account's webhook by connection", async () => {
    const test = await createComm100Stack("get", { program: "" });
    const elsewhere = test.emulator.control.createWebhook(secondAccount.siteId, hook);

    test.writeProgram(`import { Comm100Webhook } from "pulumi-comm100";
export const event = Comm100Webhook.get("missing", ${JSON.stringify(missingId)}).event;
`);
    const failed = await test.cli(["up", "--yes", "--non-interactive"]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(
      new RegExp(`Comm100Webhook ${missingId}: .* has no webhook with this id`),
    );

    test.writeProgram(`import * as pulumi from "@pulumi/pulumi";
import { Comm100Webhook } from "pulumi-comm100";
const connection = { baseUrl: ${JSON.stringify(test.emulator.baseUrl)}, accessToken: pulumi.secret(${JSON.stringify(secondToken)}) };
export const event = Comm100Webhook.get("other", ${JSON.stringify(elsewhere.id)}, { connection }).event;
`);
    await test.up();
    expect((await test.outputs()).event.value).toBe(hook.event);
    expect(await test.exportState()).not.toContain(secondToken);
    await test.emulator.close();
  });
});
