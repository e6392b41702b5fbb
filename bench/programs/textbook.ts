/**
 * The textbook dynamic provider, as the usual documentation pattern writes it: axios calls in
 * create, update and delete, the token read from stack config at the top and captured in the
 * closure, no `read` and no `diff`. The benchmark's baseline for what users would otherwise
 * write. Its state holds the token in plaintext (inside every `__provider`), which the
 * benchmark reports. Copied into the benchmark's textbook project as `provider.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import axios from "axios";

const config = new pulumi.Config("comm100");
const baseUrl = config.require("baseUrl");
const token = config.require("accessToken");

export interface WebhookArgs {
  event: pulumi.Input<string>;
  targetUrl: pulumi.Input<string>;
}

const webhookProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const response = await axios.post(
      `${baseUrl}/livechat/webhooks`,
      { event: inputs.event, targetUrl: inputs.targetUrl },
      { headers: { Authorization: `Bearer ${token}` } },
    );
    return { id: response.data.id, outs: response.data };
  },
  async update(id, _olds, news) {
    const response = await axios.put(
      `${baseUrl}/livechat/webhooks/${id}`,
      { event: news.event, targetUrl: news.targetUrl },
      { headers: { Authorization: `Bearer ${token}` } },
    );
    return { outs: response.data };
  },
  async delete(id) {
    await axios.delete(`${baseUrl}/livechat/webhooks/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  },
};

export class Webhook extends pulumi.dynamic.Resource {
  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(webhookProvider, name, args, opts);
  }
}
