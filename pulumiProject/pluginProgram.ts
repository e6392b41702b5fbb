/**
 * TypeScript declaring `class Webhook`, the plugin's `comm100:index:Webhook` by its type token,
 * as a program without an SDK can (`pulumi` imported as `@pulumi/pulumi`).
 */
export const pluginWebhookClass = [
  'import * as pulumi from "@pulumi/pulumi";',
  "class Webhook extends pulumi.CustomResource {",
  "  constructor(name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {",
  '    super("comm100:index:Webhook", name, args, opts);',
  "  }",
  "}",
].join("\n");
