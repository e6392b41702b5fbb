import { existsSync } from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(__dirname, "..");

/** Where `scripts/install-pulumi-cli.sh` puts the CLI it builds. */
const builtCliRoot = path.join(repoRoot, ".tools", "pulumi");

/**
 * The folder holding `bin/pulumi`: the CLI built by `scripts/install-pulumi-cli.sh`, else the
 * folder above a `pulumi` found on PATH. Throws, saying how to install it, when there is none:
 * end-to-end tests never skip silently.
 */
export function pulumiRoot(): string {
  if (existsSync(path.join(builtCliRoot, "bin", "pulumi"))) return builtCliRoot;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "pulumi"))) return path.dirname(dir);
  }
  throw new Error(
    "The pulumi CLI is missing: run `bash scripts/install-pulumi-cli.sh` (builds it from the Go " +
      "module proxy into .tools/pulumi/bin) or install Pulumi and put it on PATH.",
  );
}
