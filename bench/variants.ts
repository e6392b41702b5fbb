import { readFileSync } from "node:fs";
import * as path from "node:path";
import { webhookEvents } from "../provider/core/webhook/events";

/** The three providers measured side by side. */
export type VariantName = "ours" | "floor" | "textbook";

export interface Variant {
  name: VariantName;
  /** How the tables name it. */
  label: string;
  /** What it is, for the report. */
  description: string;
  /** Whether it calls the (emulated) Comm100 API. */
  callsApi: boolean;
  /** The provider module copied into the project as `provider.ts`, if the program needs one. */
  providerSource?: string;
}

export const variants: readonly Variant[] = [
  {
    name: "floor",
    label: "engine floor",
    description: "a dynamic provider that does nothing (bench/programs/noop.ts)",
    callsApi: false,
    providerSource: path.join(__dirname, "programs", "noop.ts"),
  },
  {
    name: "ours",
    label: "pulumi-comm100",
    description: "Comm100Webhook from the package as installed from npm (dist/, `require` form)",
    callsApi: true,
  },
  {
    name: "textbook",
    label: "textbook",
    description:
      "axios in create/update/delete, token captured in the closure, no read/diff (bench/programs/textbook.ts)",
    callsApi: true,
    providerSource: path.join(__dirname, "programs", "textbook.ts"),
  },
];

/** Webhook `hook-<i>` of program version `version` (1 at create, 2 after) targets this + `i`. */
export function targetUrlPrefix(version: number): string {
  return `https://hooks.example.com/v${version}/`;
}

/**
 * The program of `variant`: `n` webhooks `hook-<i>`, events in turn, each with its own target
 * URL of `version`. The same loop for every variant; only the resource class differs.
 */
export function programSource(variant: Variant, n: number, version: number): string {
  const importLine =
    variant.name === "ours"
      ? 'import { Comm100Webhook as Webhook } from "pulumi-comm100";'
      : 'import { Webhook } from "./provider";';
  return [
    importLine,
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
