import { describe, expect, inject, it } from "vitest";
import { createTestStack } from "../../pulumiProject/isolatedStack";

const program = `
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "greeting-1", outs: { text: inputs.text } };
  },
  async read(id, props) {
    return { id, props, inputs: { text: props.text } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.text !== news.text };
  },
  async update(_id, _olds, news) {
    return { outs: { text: news.text } };
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly text: pulumi.Output<string>;
  constructor(name: string, text: string) {
    super(provider, name, { text }, {});
  }
}

const greeting = new Greeting("greeting", "hello");
export const greetingId = greeting.id;
export const greetingText = greeting.text;
`;

describe("the real Pulumi engine", () => {
  it("runs up, preview, refresh and destroy of a dynamic resource", async () => {
    const test = await createTestStack(inject("fixtureRoot"), "smoke", {
      program,
      typescript: "ts-node",
    });
    const version = await test.cli(["version"]);
    console.log(`pulumi CLI used by the end-to-end tests: ${version.stdout.trim()}`);
    expect(version.stdout.trim()).toMatch(/^v3\.\d+\.\d+/);

    const up = await test.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(await test.outputs()).toMatchObject({
      greetingId: { value: "greeting-1" },
      greetingText: { value: "hello" },
    });

    const preview = await test.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });

    const refresh = await test.stack.refresh({ expectNoChanges: true });
    expect(refresh.summary.result).toBe("succeeded");

    const state = JSON.parse(await test.exportState());
    const greeting = state.deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::greeting"),
    );
    expect(greeting.outputs.text).toBe("hello");
    expect(greeting.type).toBe("pulumi-nodejs:dynamic:Resource");

    const destroy = await test.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    const after = JSON.parse(await test.exportState());
    expect(after.deployment.resources ?? []).toEqual([]);
  });
});
