import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../pulumiProject/paths";
import { compatSdkVersion } from "./versions";

/**
 * Makes a temporary npm project holding this package as `npm pack` ships it (built first) and
 * `@pulumi/pulumi` {@link compatSdkVersion}, with the TypeScript and `@types/node` this
 * repository pins, installed by npm as a user's project is. Test projects live below it.
 * Returns its folder.
 */
export function createPackedProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-compat-"));
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
  // Built just above: `--ignore-scripts` spares `prepack` building it again.
  const packed = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", root],
    { cwd: repoRoot, encoding: "utf8" },
  );
  const [{ filename }] = JSON.parse(packed) as { filename: string }[];
  const { devDependencies } = JSON.parse(
    readFileSync(path.join(repoRoot, "package.json"), "utf8"),
  ) as { devDependencies: Record<string, string> };
  const dependencies = {
    "pulumi-comm100": `file:${path.join(root, filename)}`,
    "@pulumi/pulumi": compatSdkVersion,
    typescript: devDependencies.typescript,
    "@types/node": devDependencies["@types/node"],
  };
  writeFileSync(
    path.join(root, "package.json"),
    JSON.stringify({ name: "compat-programs", private: true, dependencies }, null, 2),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return root;
}
