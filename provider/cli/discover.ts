import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { adoptionFiles } from "../core/discovery/adoptionFiles";
import { takeInventory } from "../core/discovery/accountInventory";
import { Session } from "../core/lifecycle/session";
import { configEnvTerms } from "../core/settings/connectionTerms";
import { accountLabel } from "../core/settings/accountIdentity";
import { idKey } from "../core/webhook/webhookFields";

/** How `discover` is called, for its help and its errors. */
export const discoverUsage = [
  "usage: discover [--stack <name>] [--out <folder>]",
  "  Lists the Comm100 account and writes, in <folder> (default ./comm100-discovery):",
  "  import.json (for `pulumi import --file`), webhooks.ts, webhooks.yaml, webhooks.py and",
  "  report.txt (identical twins and what to delete).",
  "  --stack <name>  read the connection from that stack's config (comm100:*), and skip the",
  "                  webhooks its state already manages; without it, COMM100_* variables are read.",
].join("\n");

/** Where `discover` writes and what it prints. */
export interface DiscoverIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  print(line: string): void;
}

/** The resource types whose ids are Comm100 webhook ids, in a stack's state. */
const webhookTypes = ["comm100:index:Webhook", "pulumi-nodejs:dynamic/comm100:Webhook"];

/**
 * `discover`: lists the account (one API call) and writes the files that bring it under
 * management in one step. Returns the exit code; every failure is one line saying what to do.
 */
export async function discover(args: readonly string[], io: DiscoverIo): Promise<number> {
  try {
    const options = parseArguments(args);
    if (options === "help") {
      io.print(discoverUsage);
      return 0;
    }
    const stack = options.stack ? await readStack(options.stack, io) : undefined;
    const session = new Session({ env: io.env, connectionTerms: configEnvTerms });
    session.configure((key) => stack?.config[key]);
    const connection = session.requireConnection(undefined);
    const webhooks = await session.accountFor(connection).client.list();
    const inventory = takeInventory(webhooks, stack?.managedIds);
    const out = path.resolve(io.cwd, options.out);
    mkdirSync(out, { recursive: true });
    const files = adoptionFiles(inventory);
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(out, file), text);
    io.print(`${accountLabel(connection)}: ${webhooks.length} webhook(s).`);
    io.print(files["report.txt"].trimEnd());
    io.print(
      `Written to ${out}: import.json, webhooks.ts, webhooks.yaml, webhooks.py, report.txt.`,
    );
    if (inventory.toAdopt.length > 0) {
      io.print(
        `Next: paste the resources of webhooks.yaml or webhooks.py into your program and run ` +
          `\`pulumi import --file ${path.relative(io.cwd, path.join(out, "import.json")) || "import.json"}\`, ` +
          "or add webhooks.ts to a TypeScript program and run `pulumi up`.",
      );
    }
    return 0;
  } catch (error) {
    io.print(`discover: ${(error as Error).message}`);
    return 1;
  }
}

function parseArguments(args: readonly string[]): { stack?: string; out: string } | "help" {
  const options: { stack?: string; out: string } = { out: "comm100-discovery" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg !== "--stack" && arg !== "--out") {
      throw new Error(`unknown argument ${JSON.stringify(arg)}.\n${discoverUsage}`);
    }
    const value = args[++i];
    if (!value || value.startsWith("-")) throw new Error(`${arg} needs a value.\n${discoverUsage}`);
    if (arg === "--stack") options.stack = value;
    else options.out = value;
  }
  return options;
}

/** A stack's `comm100:*` config (secrets shown: they stay in this process) and managed ids. */
async function readStack(
  stack: string,
  io: DiscoverIo,
): Promise<{ config: Record<string, string>; managedIds: Set<string> }> {
  const pulumi = async (args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)("pulumi", [...args, "--stack", stack], {
        cwd: io.cwd,
        env: io.env,
        maxBuffer: 256 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const failure = error as { code?: string; stderr?: string };
      if (failure.code === "ENOENT") throw new Error("the pulumi CLI is not on PATH");
      throw new Error(
        `cannot read stack ${JSON.stringify(stack)} of the project in ${io.cwd}: ` +
          `${(failure.stderr ?? "").trim().split("\n").pop()} (\`pulumi stack ls\` lists the stacks)`,
      );
    }
  };
  const config = JSON.parse(await pulumi(["config", "--json", "--show-secrets"])) as Record<
    string,
    { value?: unknown }
  >;
  const state = JSON.parse(await pulumi(["stack", "export"])) as {
    deployment?: { resources?: { type: string; id?: string }[] };
  };
  const managedIds = new Set(
    (state.deployment?.resources ?? [])
      .filter((resource) => webhookTypes.includes(resource.type) && resource.id)
      .map((resource) => idKey(resource.id as string)),
  );
  return {
    config: Object.fromEntries(
      Object.entries(config)
        .filter(([key, entry]) => key.startsWith("comm100:") && entry.value !== undefined)
        .map(([key, entry]) => [key, String(entry.value)]),
    ),
    managedIds,
  };
}
