import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { inject } from "vitest";
import { defaultToken, startEmulator, type RunningEmulator } from "../../emulator";
import {
  createTestStack,
  type TestProjectOptions,
  type TestStack,
} from "../../pulumiProject/isolatedStack";
import { repoRoot } from "../../pulumiProject/paths";
import { siteId } from "./emulatorTestBed";

/** A test stack wired to a fresh emulator through stack config (`comm100:*`). */
export interface Comm100Stack extends TestStack {
  emulator: RunningEmulator;
  /** Number of Comm100 API calls since the last `resetCalls()`. */
  calls(): number;
  /** Calls per route since the last `resetCalls()`, e.g. `{ "POST /livechat/webhooks": 3 }`. */
  callsByRoute(): Record<string, number>;
  resetCalls(): void;
  /** The webhooks of the default account (site 10000), straight from the emulator. */
  remoteWebhooks(): { id: string; event: string; targetUrl: string }[];
}

/** Options of {@link createComm100Stack}: a program, plus how the stack reaches the emulator. */
export interface Comm100StackOptions extends Omit<TestProjectOptions, "config"> {
  /** Stack config on top of `comm100:baseUrl` and the secret `comm100:accessToken`. */
  config?: TestProjectOptions["config"];
  /** Leave `comm100:*` config unset (the test gives the connection another way). */
  noConnectionConfig?: boolean;
  /** An emulator to use instead of a new one. */
  emulator?: RunningEmulator;
}

/** Starts an emulator (unless given) and creates a stack whose config points at it. */
export async function createComm100Stack(
  name: string,
  options: Comm100StackOptions,
): Promise<Comm100Stack> {
  const emulator = options.emulator ?? (await startEmulator());
  const connection: TestProjectOptions["config"] = options.noConnectionConfig
    ? {}
    : { "comm100:baseUrl": emulator.baseUrl, "comm100:accessToken": { secret: defaultToken } };
  const stack = await createTestStack(inject("fixtureRoot"), name, {
    ...options,
    config: { ...connection, ...options.config },
    env: { COMM100_RETRY_BASE_DELAY_MS: "20", ...options.env },
  });
  return {
    ...stack,
    emulator,
    calls: () => emulator.control.requests().total,
    callsByRoute: () =>
      Object.fromEntries(
        Object.entries(emulator.control.requests().counts).filter(([, count]) => count > 0),
      ),
    resetCalls: () => emulator.control.clearRequests(),
    remoteWebhooks: () => emulator.control.webhooks(siteId),
  };
}

/** The TypeScript files of `examples/<name>`, to run an example through ts-node as users do. */
export function exampleFiles(name: string): {
  program: string;
  files: Record<string, string>;
  typescript: "ts-node";
} {
  const dir = path.join(repoRoot, "examples", name);
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    if (file.endsWith(".ts") && file !== "index.ts") {
      files[file] = readFileSync(path.join(dir, file), "utf8");
    }
  }
  return {
    program: readFileSync(path.join(dir, "index.ts"), "utf8"),
    files,
    typescript: "ts-node",
  };
}

/** A program declaring one `Comm100Webhook` per entry, exporting each id as `<name>Id`. */
export function webhooksProgram(hooks: Record<string, { event: string; targetUrl: string }>) {
  const lines = ['import { Comm100Webhook } from "pulumi-comm100";'];
  for (const [name, hook] of Object.entries(hooks)) {
    lines.push(
      `export const ${name}Id = new Comm100Webhook(${JSON.stringify(name)}, ` +
        `{ event: ${JSON.stringify(hook.event)} as any, targetUrl: ${JSON.stringify(hook.targetUrl)} }).id;`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * The stack's webhooks from the exported state: resources of type Comm100Webhook, or of `type`
 * (the plugin's is `comm100:index:Webhook`).
 */
export async function webhookResources(
  stack: TestStack,
  type = "pulumi-nodejs:dynamic/comm100:Webhook",
) {
  const state = JSON.parse(await stack.exportState());
  return (state.deployment.resources ?? []).filter(
    (resource: { type: string }) => resource.type === type,
  ) as {
    urn: string;
    id: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  }[];
}
