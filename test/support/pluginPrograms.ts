import type { ProgramRuntime, TestStack } from "../../pulumiProject/isolatedStack";
import { secondToken } from "../../emulator";
import { version } from "../../package.json";
import { pluginDir, pluginInstallSource } from "../../pulumiProject/paths";
import { pluginWebhookClass } from "../../pulumiProject/pluginProgram";

export { pluginDir };

/** A webhook of the plugin as a program declares it. */
export interface DeclaredWebhook {
  event: string;
  targetUrl: string;
  /** Resource option `import`: the id of the webhook to bring under management. */
  importId?: string;
}

/**
 * A program in `runtime` declaring one `comm100:index:Webhook` per entry and exporting each id
 * as `<name>Id`. Python uses the generated SDK (`pulumi_comm100`); TypeScript declares the
 * resource by its type token, as a program without an SDK can.
 */
export function pluginProgram(
  runtime: ProgramRuntime,
  hooks: Record<string, DeclaredWebhook>,
): string {
  const entries = Object.entries(hooks);
  if (runtime === "yaml") {
    const resources = entries.map(([name, hook]) =>
      [
        `  ${name}:`,
        "    type: comm100:index:Webhook",
        "    properties:",
        `      event: ${hook.event}`,
        `      targetUrl: ${hook.targetUrl}`,
        ...(hook.importId ? ["    options:", `      import: ${hook.importId}`] : []),
      ].join("\n"),
    );
    const outputs = entries.map(([name]) => `  ${name}Id: \${${name}.id}`);
    return ["resources:", ...resources, "outputs:", ...outputs, ""].join("\n");
  }
  if (runtime === "python") {
    const lines = ["import pulumi", "import pulumi_comm100 as comm100", ""];
    for (const [name, hook] of entries) {
      const options = hook.importId
        ? `, opts=pulumi.ResourceOptions(import_=${JSON.stringify(hook.importId)})`
        : "";
      lines.push(
        `${name} = comm100.Webhook(${JSON.stringify(name)}, event=${JSON.stringify(hook.event)}, ` +
          `target_url=${JSON.stringify(hook.targetUrl)}${options})`,
        `pulumi.export("${name}Id", ${name}.id)`,
      );
    }
    return `${lines.join("\n")}\n`;
  }
  const lines = [pluginWebhookClass];
  for (const [name, hook] of entries) {
    const options = hook.importId ? `, { import: ${JSON.stringify(hook.importId)} }` : "";
    lines.push(
      `export const ${name}Id = new Webhook(${JSON.stringify(name)}, ` +
        `{ event: ${JSON.stringify(hook.event)}, targetUrl: ${JSON.stringify(hook.targetUrl)} }` +
        `${options}).id;`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A `comm100:index:WebhookSubscription` as a program declares it. */
export interface DeclaredSubscription {
  targetUrl: string;
  events: string[];
  adoptIds?: Record<string, string>;
  webhookAliases?: Record<string, string[]>;
}

/**
 * A program in `runtime` (YAML or Python, through the generated SDK) declaring one
 * `comm100:index:WebhookSubscription` per entry and exporting its `webhookIds` as `<name>Ids`.
 */
export function subscriptionProgram(
  runtime: "yaml" | "python",
  subscriptions: Record<string, DeclaredSubscription>,
): string {
  const entries = Object.entries(subscriptions);
  if (runtime === "yaml") {
    const resources = entries.map(([name, subscription]) =>
      [
        `  ${name}:`,
        "    type: comm100:index:WebhookSubscription",
        "    properties:",
        ...Object.entries(subscription).map(
          ([key, value]) => `      ${key}: ${JSON.stringify(value)}`,
        ),
      ].join("\n"),
    );
    const outputs = entries.map(([name]) => `  ${name}Ids: \${${name}.webhookIds}`);
    return ["resources:", ...resources, "outputs:", ...outputs, ""].join("\n");
  }
  const pythonNames = {
    targetUrl: "target_url",
    events: "events",
    adoptIds: "adopt_ids",
    webhookAliases: "webhook_aliases",
  };
  const lines = ["import pulumi", "import pulumi_comm100 as comm100", ""];
  for (const [name, subscription] of entries) {
    const args = Object.entries(subscription).map(
      ([key, value]) =>
        `${pythonNames[key as keyof DeclaredSubscription]}=${JSON.stringify(value)}`,
    );
    lines.push(
      `${name} = comm100.WebhookSubscription(${JSON.stringify(name)}, ${args.join(", ")})`,
      `pulumi.export("${name}Ids", ${name}.webhook_ids)`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Installs the tested plugin into the stack's `PULUMI_HOME` (see `pluginInstallSource`) with
 * `pulumi plugin install resource comm100 <version> --file …`; resolves to the version.
 */
export async function installPlugin(test: TestStack): Promise<string> {
  const install = await test.cli([
    "plugin",
    "install",
    "resource",
    "comm100",
    version,
    "--file",
    pluginInstallSource(version),
  ]);
  if (install.code !== 0) throw new Error(`pulumi plugin install failed: ${install.stderr}`);
  return version;
}

/**
 * The YAML resource `secondSite`: an explicit provider reaching the emulator's second account,
 * from the config that {@link secondSiteConfig} declares and {@link configureSecondSite} sets.
 */
export const secondSiteProvider = [
  "  secondSite:",
  "    type: pulumi:providers:comm100",
  "    properties:",
  "      baseUrl: ${baseUrl}",
  "      accessToken:",
  "        fn::secret: ${secondToken}",
];

/** The YAML `config:` section {@link secondSiteProvider} reads. */
export const secondSiteConfig = [
  "config:",
  "  baseUrl:",
  "    type: string",
  "  secondToken:",
  "    type: string",
  "    secret: true",
];

/** Sets the config {@link secondSiteProvider} reads: the emulator at `baseUrl`, site 2's token. */
export async function configureSecondSite(test: TestStack, baseUrl: string): Promise<void> {
  await test.stack.setAllConfig({
    baseUrl: { value: baseUrl },
    secondToken: { value: secondToken, secret: true },
  });
}
