import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";
import * as path from "node:path";
import {
  LocalWorkspace,
  PulumiCommand,
  Stack,
  type ConfigMap,
  type OutputMap,
} from "@pulumi/pulumi/automation";
import { pulumiCliRoot, pythonEnvBin } from "./paths";
import { runPulumi } from "./pulumiRunner";
import {
  stackOperationArgs,
  stackOperationResult,
  type StackOperation,
  type StackOperationResult,
} from "./stackOperation";

/** Passphrase of every test stack's secrets provider (the stacks are throw-away). */
export const testPassphrase = "e2e-passphrase";

/** A Pulumi project and stack of its own, with a `file://` backend and `PULUMI_HOME` inside it. */
export interface TestStack {
  readonly dir: string;
  /**
   * The `TMPDIR` of this stack's commands: the provider keeps what outlives a command there (its
   * call ledger, the run folders), so it stays with this stack.
   */
  readonly tempDir: string;
  readonly stack: Stack;
  /** The environment every `pulumi` command of this stack runs with. */
  readonly env: Record<string, string>;
  outputs(): Promise<OutputMap>;
  /**
   * `pulumi up` (with `--refresh` when asked), without the Automation API's reads of the stack
   * afterwards; throws with the engine's errors when it fails. So do `refresh` and `destroy`.
   */
  up(options?: { refresh?: boolean }): Promise<StackOperationResult>;
  refresh(options?: { expectNoChanges?: boolean }): Promise<StackOperationResult>;
  destroy(): Promise<StackOperationResult>;
  /** The stack's state as `pulumi stack export` prints it (secrets encrypted, as stored). */
  exportState(): Promise<string>;
  /** Runs the `pulumi` CLI itself in the project folder; never throws on a non-zero exit. */
  cli(
    args: string[],
    extraEnv?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Replaces the program (`index.ts`, `Pulumi.yaml`'s body or `__main__.py`). */
  writeProgram(source: string): void;
  /**
   * Replaces the stack's whole config with `values`, none secret, by writing
   * `Pulumi.test.yaml` as a user may edit it: no `pulumi config` command runs.
   */
  writePlainConfig(values: Record<string, string>): void;
}

/** The language a test program is written in. */
export type ProgramRuntime = "nodejs" | "yaml" | "python";

/** What a test project is made of. */
export interface TestProjectOptions {
  /** The language of `program` (default `nodejs`). */
  runtime?: ProgramRuntime;
  /**
   * The program: TypeScript (`index.ts`), the YAML body of `Pulumi.yaml` after its header
   * (`resources:`, `outputs:` ...), or Python (`__main__.py`).
   */
  program: string;
  /** A folder holding `pulumi-resource-comm100`, named in `Pulumi.yaml` as the comm100 plugin. */
  pluginDir?: string;
  /** Other files of the program, by file name. */
  files?: Record<string, string>;
  /**
   * How a TypeScript program runs. `compiled` (default): the test compiles each `.ts` file to
   * JavaScript itself (esbuild, types stripped), sparing every command loading TypeScript.
   * `ts-node`: through the language host's ts-node, as users' programs run, transpiling only
   * (`npm run typecheck` type-checks the examples). `ts-node-typed`: ts-node type-checking the
   * program first, as `pulumi` does by default (about 2 s of CPU a command).
   */
  typescript?: "compiled" | "ts-node" | "ts-node-typed";
  /** Stack configuration; `{ secret }` values are stored encrypted. */
  config?: Record<string, string | { secret: string }>;
  /** Extra environment of every `pulumi` command (e.g. `COMM100_*`). */
  env?: Record<string, string>;
  /** The folder holding `bin/pulumi` and its language hosts (default {@link pulumiCliRoot}). */
  cliRoot?: string;
  /**
   * A folder holding the `node` that the program, the language host and every plugin started as
   * `node` or `#!/usr/bin/env node` run with: put on PATH right after the CLI (default: the
   * `node` already on PATH).
   */
  nodeBin?: string;
}

const tsconfig = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    skipLibCheck: true,
  },
};

/**
 * Creates a project folder `name` below `fixtureRoot` (see `createFixtureRoot`) and a stack in
 * it, isolated from every other test: own backend, own `PULUMI_HOME`, no update checks, no
 * plugin downloads, the CLI from `options.cliRoot` (default `pulumiCliRoot()`) first on PATH.
 */
export async function createTestStack(
  fixtureRoot: string,
  name: string,
  options: TestProjectOptions,
): Promise<TestStack> {
  const dir = path.join(fixtureRoot, "projects", name);
  const state = path.join(dir, ".state");
  mkdirSync(state, { recursive: true });
  const tempDir = path.join(dir, ".tmp");
  mkdirSync(tempDir);
  const runtime = options.runtime ?? "nodejs";
  const plugins = options.pluginDir
    ? `plugins:\n  providers:\n    - name: comm100\n      path: ${options.pluginDir}\n`
    : "";
  const typescript = options.typescript ?? "compiled";
  const compiled = runtime === "nodejs" && typescript === "compiled";
  const runtimeLine = compiled
    ? "runtime:\n  name: nodejs\n  options:\n    typescript: false\n"
    : `runtime: ${runtime}\n`;
  const header = `name: ${name}\n${runtimeLine}${plugins}`;
  writeFileSync(path.join(dir, "Pulumi.yaml"), header);
  if (runtime === "nodejs") {
    const main = compiled ? "index.js" : "index.ts";
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name, private: true, main }, null, 2),
    );
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  }
  /** Writes a program file, a `.ts` one as JavaScript unless ts-node runs the program. */
  const writeFile = (file: string, source: string) => {
    if (compiled && file.endsWith(".ts")) {
      const js = transformSync(source, { loader: "ts", format: "cjs", target: "node20" }).code;
      writeFileSync(path.join(dir, file.replace(/\.ts$/, ".js")), js);
    } else {
      writeFileSync(path.join(dir, file), source);
    }
  };
  const writeProgram = (source: string) => {
    if (runtime === "yaml") writeFileSync(path.join(dir, "Pulumi.yaml"), `${header}${source}`);
    else writeFile(runtime === "python" ? "__main__.py" : "index.ts", source);
  };
  writeProgram(options.program);
  for (const [file, source] of Object.entries(options.files ?? {})) writeFile(file, source);

  const root = options.cliRoot ?? pulumiCliRoot();
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_HOME: path.join(dir, ".pulumi-home"),
    PULUMI_CONFIG_PASSPHRASE: testPassphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    TMPDIR: tempDir,
    PATH: [
      path.join(root, "bin"),
      ...(options.nodeBin ? [options.nodeBin] : []),
      // The Python language host runs the `python` it finds first on PATH.
      ...(runtime === "python" ? [pythonEnvBin()] : []),
      process.env.PATH ?? "",
    ].join(path.delimiter),
    ...(typescript === "ts-node" ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}),
    ...options.env,
  };
  const pulumiCommand = await pulumiCommandAt(root);
  const workspace = await LocalWorkspace.create({
    workDir: dir,
    pulumiHome: env.PULUMI_HOME,
    envVars: env,
    pulumiCommand,
  });
  const stack = await Stack.create("test", workspace);
  if (options.config) await stack.setAllConfig(toConfigMap(options.config));

  return {
    dir,
    tempDir,
    stack,
    env,
    outputs: () => stack.outputs(),
    up: (options) => operate({ kind: "up", ...options }),
    refresh: (options) => operate({ kind: "refresh", ...options }),
    destroy: () => operate({ kind: "destroy" }),
    exportState: async () => {
      const exported = await cli(["stack", "export"]);
      if (exported.code !== 0) throw new Error(`pulumi stack export failed: ${exported.stderr}`);
      return exported.stdout;
    },
    writeProgram,
    writePlainConfig: (values) => {
      const file = path.join(dir, "Pulumi.test.yaml");
      const salt = /^encryptionsalt: .*$/m.exec(readFileSync(file, "utf8"))?.[0] ?? "";
      const entries = Object.entries(values).map(
        ([key, value]) => `  ${key}: ${JSON.stringify(value)}`,
      );
      writeFileSync(
        file,
        [salt, ...(entries.length ? ["config:", ...entries] : []), ""].join("\n"),
      );
    },
    cli,
  };

  async function operate(operation: StackOperation): Promise<StackOperationResult> {
    return stackOperationResult(operation, await cli(stackOperationArgs(operation)));
  }

  async function cli(args: string[], extraEnv: Record<string, string> = {}) {
    const { code, stdout, stderr } = await runPulumi(args, {
      cwd: dir,
      env: { ...env, ...extraEnv },
      cliRoot: root,
    });
    return { code, stdout, stderr };
  }
}

/** The Automation API's handle on the CLI in `root`: one per process (each costs a `pulumi version`). */
const pulumiCommands = new Map<string, Promise<PulumiCommand>>();
function pulumiCommandAt(root: string): Promise<PulumiCommand> {
  let command = pulumiCommands.get(root);
  if (!command) {
    command = PulumiCommand.get({ root });
    pulumiCommands.set(root, command);
  }
  return command;
}

function toConfigMap(config: Record<string, string | { secret: string }>): ConfigMap {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) =>
      typeof value === "string" ? [key, { value }] : [key, { value: value.secret, secret: true }],
    ),
  );
}
