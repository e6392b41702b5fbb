import * as pulumi from "@pulumi/pulumi";

/**
 * A stand-in for the infrastructure a webhook usually points at (an API gateway, a function):
 * its URL is known only once it is created, so during the first preview it is unknown.
 */
export class Endpoint extends pulumi.dynamic.Resource {
  declare readonly url: pulumi.Output<string>;

  constructor(name: string, args: { baseUrl: pulumi.Input<string> }) {
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs) {
        const id = `endpoint-${Math.random().toString(16).slice(2, 10)}`;
        return { id, outs: { baseUrl: inputs.baseUrl, url: `${inputs.baseUrl}/hooks/${id}` } };
      },
      async read(id, props) {
        return { id, props, inputs: { baseUrl: props.baseUrl } };
      },
      async diff(_id, olds, news) {
        return { changes: olds.baseUrl !== news.baseUrl, replaces: ["baseUrl"] };
      },
    };
    super(provider, name, { baseUrl: args.baseUrl, url: undefined });
  }
}
