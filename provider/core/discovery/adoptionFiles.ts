import { maskedUrl } from "../url/maskedUrl";
import type { AccountInventory, NamedWebhook } from "./accountInventory";

/** The type token of the plugin's webhook resource, as `pulumi import` and YAML write it. */
const webhookType = "comm100:index:Webhook";

/**
 * What `discover` writes, by file name: an import file for `pulumi import --file` and the program
 * code that declares the same webhooks in TypeScript (`Comm100Webhook` with `adoptId`, as a
 * dynamic resource cannot be imported), YAML and Python. Target URLs are written as secrets, so
 * that the state keeps them encrypted; no credential is written.
 */
export function adoptionFiles(inventory: AccountInventory): Record<string, string> {
  const hooks = inventory.toAdopt;
  return {
    "import.json": `${JSON.stringify({ resources: hooks.map(importEntry) }, null, 2)}\n`,
    "webhooks.ts": typescriptProgram(hooks),
    "webhooks.yaml": yamlResources(hooks),
    "webhooks.py": pythonProgram(hooks),
    "report.txt": report(inventory),
  };
}

function importEntry(webhook: NamedWebhook) {
  return { type: webhookType, name: webhook.name, id: webhook.id };
}

function typescriptProgram(hooks: NamedWebhook[]): string {
  const lines = [
    "// Written by `pulumi-comm100 discover`: adoptId makes each resource take over the existing",
    "// webhook (no create, no delete). Keep adoptId: it is used only when a resource is created.",
    // Program text, built so that nothing reads it as an import of this module.
    `import * as pulumi from ${quoted("@pulumi/pulumi")};`,
    `import { Comm100Webhook } from ${quoted("pulumi-comm100")};`,
    "",
  ];
  for (const hook of hooks) {
    lines.push(
      `export const ${identifier(hook.name, "camel")} = new Comm100Webhook(${quoted(hook.name)}, {`,
      `  event: ${quoted(hook.event)},`,
      `  targetUrl: pulumi.secret(${quoted(hook.targetUrl)}),`,
      `  adoptId: ${quoted(hook.id)},`,
      "});",
    );
  }
  return `${lines.join("\n")}\n`;
}

function yamlResources(hooks: NamedWebhook[]): string {
  const lines = [
    "# Written by `pulumi-comm100 discover`: the resources section of Pulumi.yaml, to use with",
    "# `pulumi import --file import.json` (which brings the same webhooks into the state).",
    "resources:",
  ];
  for (const hook of hooks) {
    lines.push(
      `  ${hook.name}:`,
      `    type: ${webhookType}`,
      "    properties:",
      `      event: ${hook.event}`,
      "      targetUrl:",
      `        fn::secret: ${quoted(hook.targetUrl)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function pythonProgram(hooks: NamedWebhook[]): string {
  const lines = [
    "# Written by `pulumi-comm100 discover`: use with `pulumi import --file import.json`,",
    "# which brings the same webhooks into the state.",
    "import pulumi",
    "import pulumi_comm100 as comm100",
    "",
  ];
  for (const hook of hooks) {
    lines.push(
      `${identifier(hook.name, "snake")} = comm100.Webhook(`,
      `    ${quoted(hook.name)},`,
      `    event=${quoted(hook.event)},`,
      `    target_url=pulumi.Output.secret(${quoted(hook.targetUrl)}),`,
      ")",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** What the account holds, in words: counts, and each set of twins with what to do. */
export function report(inventory: AccountInventory): string {
  const { toAdopt, managed, twins } = inventory;
  const lines = [
    `${toAdopt.length} webhook(s) to bring under management, ${managed.length} already managed ` +
      "by the stack.",
  ];
  for (const { keep, extra } of twins) {
    lines.push(
      "",
      `Twins: ${extra.length + 1} webhooks for event "${keep.event}" to ${maskedUrl(keep.targetUrl)} ` +
        "(Comm100 delivers every such event once per webhook).",
      `  kept: ${keep.id} (${keep.name})`,
      ...extra.map(
        (twin) =>
          `  to delete: ${twin.id}: in the Comm100 Control Panel, or ` +
          `\`pulumi do ${webhookType.replace(":index:", ":")} delete ${twin.id} --yes\``,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `name` as a TypeScript (camelCase) or Python (snake_case) identifier. */
function identifier(name: string, style: "camel" | "snake"): string {
  const words = name.split("-").filter(Boolean);
  const joined =
    style === "snake"
      ? words.map((word) => word.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()).join("_")
      : words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}
