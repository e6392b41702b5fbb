import { existsSync } from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(__dirname, "..");

/** The folder `npm run build:plugin` writes `pulumi-resource-comm100` and its archive to. */
const bundleDir = path.join(repoRoot, "bin");

/**
 * Which plugin the engine tests run: the bundle `npm run build:plugin` writes (run by `node`), or
 * with `PLUGIN_UNDER_TEST=executable` the self-contained executable for this machine
 * (`scripts/build-plugin-executable.sh`), to show it answers the engine as the bundle does.
 */
export const pluginUnderTest: "bundle" | "executable" =
  process.env.PLUGIN_UNDER_TEST === "executable" ? "executable" : "bundle";

/** The folder holding the `pulumi-resource-comm100` the engine tests run. */
export const pluginDir =
  pluginUnderTest === "executable" ? path.join(bundleDir, "executables", "linux-amd64") : bundleDir;

/**
 * What `pulumi plugin install resource comm100 <version> --file` installs the tested plugin from:
 * the bundle's `.tgz`, or the executable's folder (which holds nothing else).
 */
export function pluginInstallSource(version: string): string {
  return pluginUnderTest === "executable"
    ? pluginDir
    : path.join(bundleDir, `pulumi-resource-comm100-v${version}.tgz`);
}

/**
 * The policy pack (`policy/`) as an executable the CLI runs itself: `--policy-pack <this>`. The
 * CLI built here cannot run a pack given as a folder (see `policy/run-pack`).
 */
export const policyPackEntry = path.join(repoRoot, "policy", "run-pack");

/** Where `scripts/install-pulumi-cli.sh` puts the CLI it builds. */
const builtCliRoot = path.join(repoRoot, ".tools", "pulumi");

/**
 * The folder holding `bin/pulumi`: the CLI built by `scripts/install-pulumi-cli.sh`, else the
 * folder above a `pulumi` found on PATH. Throws, saying how to install it, when there is none:
 * end-to-end tests never skip silently.
 */
export function pulumiCliRoot(): string {
  if (existsSync(path.join(builtCliRoot, "bin", "pulumi"))) return builtCliRoot;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "pulumi"))) return path.dirname(dir);
  }
  throw new Error(
    "The pulumi CLI is missing: run `bash scripts/install-pulumi-cli.sh` (builds it from the Go " +
      "module proxy into .tools/pulumi/bin) or install Pulumi and put it on PATH.",
  );
}

/**
 * The bin folder of the Python environment `scripts/install-python-env.sh` makes (PyPI `pulumi`
 * and this repository's `pulumi_comm100`); throws, saying how to make it, when it is missing.
 */
export function pythonEnvBin(): string {
  const bin = path.join(repoRoot, ".tools", "python", "bin");
  if (existsSync(path.join(bin, "python"))) return bin;
  throw new Error(
    "The Python environment is missing: run `bash scripts/install-python-env.sh` (a venv in " +
      ".tools/python with the pulumi package and sdk/python).",
  );
}
