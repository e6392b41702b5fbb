import { readFileSync } from "node:fs";
import * as path from "node:path";
import { webhookEvents } from "../provider/core/webhook/events";
import { pluginDir } from "../pulumiProject/paths";
import { pluginWebhookClass } from "../pulumiProject/pluginProgram";
import { nodeRunning, type ProviderProcess } from "./providerProcess";

/** The providers measured side by side. */
export type VariantName = "floor" | "ours" | "plugin" | "textbook";

/** One provider measured by the bench. */
export interface Variant {
  name: VariantName;
  /** How the tables name it. */
  label: string;
  /** What it is, for the report. */
  description: string;
  /** Whether it calls the (emulated) Comm100 API. */
  callsApi: boolean;
  /** One of this project's providers: the targets apply to it. */
  ownProvider: boolean;
  /** The program's first lines: what brings the resource class `Webhook` into scope. */
  declaration: string;
  /** The provider module copied into the project as `provider.ts`, if the program needs one. */
  providerSource?: string;
  /** The folder holding a provider plugin, named in the project's `Pulumi.yaml`. */
  pluginDir?: string;
  /** Which of a command's processes is the provider, for its memory and CPU time. */
  providerProcess: ProviderProcess;
}

/** Pulumi's Node.js dynamic-provider process (its command line names `cmd/dynamic-provider`). */
const dynamicProvider = nodeRunning(/cmd[/\\]dynamic-provider/);
const fromProviderModule = 'import { Webhook } from "./provider";';

/** Every provider the bench knows, in the order the tables show them. */
export const variants: readonly Variant[] = [
  {
    name: "floor",
    label: "engine floor",
    description: "a dynamic provider that does nothing (bench/programs/noop.ts)",
    callsApi: false,
    ownProvider: false,
    declaration: fromProviderModule,
    providerSource: path.join(__dirname, "programs", "noop.ts"),
    providerProcess: dynamicProvider,
  },
  {
    name: "ours",
    label: "pulumi-comm100",
    description: "Comm100Webhook from the package as installed from npm (dist/, `require` form)",
    callsApi: true,
    ownProvider: true,
    declaration: 'import { Comm100Webhook as Webhook } from "pulumi-comm100";',
    providerProcess: dynamicProvider,
  },
  {
    name: "plugin",
    label: "pulumi-resource-comm100",
    description:
      "comm100:index:Webhook from the provider plugin (bin/, `npm run build:plugin`), declared by its type token",
    callsApi: true,
    ownProvider: true,
    declaration: pluginWebhookClass,
    pluginDir,
    providerProcess: nodeRunning(/[/\\]pulumi-resource-comm100$/),
  },
  {
    name: "textbook",
    label: "textbook",
    description:
      "axios in create/update/delete, token captured in the closure, no read/diff (bench/programs/textbook.ts)",
    callsApi: true,
    ownProvider: false,
    declaration: fromProviderModule,
    providerSource: path.join(__dirname, "programs", "textbook.ts"),
    providerProcess: dynamicProvider,
  },
];

/** The variant named `name`. */
export function variantOf(name: VariantName): Variant {
  return variants.find((variant) => variant.name === name)!;
}

/** Webhook `hook-<i>` of program version `version` (1 at create, 2 after) targets this + `i`. */
export function targetUrlPrefix(version: number): string {
  return `https://hooks.example.com/v${version}/`;
}

/**
 * The program of `variant`: `n` webhooks `hook-<i>`, events in turn, each with its own target
 * URL of `version`. The same loop for every variant; only the resource class differs.
 */
export function programSource(variant: Variant, n: number, version: number): string {
  return [
    variant.declaration,
    "",
    `const events = ${JSON.stringify(webhookEvents)} as const;`,
    `for (let i = 0; i < ${n}; i++) {`,
    `  new Webhook(\`hook-\${i}\`, { event: events[i % events.length], targetUrl: \`${targetUrlPrefix(version)}\${i}\` });`,
    "}",
    "",
  ].join("\n");
}

/** The files besides `index.ts` that `variant`'s project needs. */
export function programFiles(variant: Variant): Record<string, string> {
  return variant.providerSource
    ? { "provider.ts": readFileSync(variant.providerSource, "utf8") }
    : {};
}
