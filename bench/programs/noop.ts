/**
 * The engine floor: a dynamic provider that does nothing. It answers every call the engine makes
 * (check, diff, create, read, update, delete) without any I/O, so a run of N of these costs only
 * what Pulumi's engine, language host and dynamic-provider plumbing cost. Copied into the
 * benchmark's floor project as `provider.ts`.
 */
import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

export interface WebhookArgs {
  event: pulumi.Input<string>;
  targetUrl: pulumi.Input<string>;
}

const noopProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    return { changes: olds.event !== news.event || olds.targetUrl !== news.targetUrl };
  },
  async create(inputs) {
    return { id: randomUUID(), outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

export class Webhook extends pulumi.dynamic.Resource {
  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProvider, name, args, opts);
  }
}
