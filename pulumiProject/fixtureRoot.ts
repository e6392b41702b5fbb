import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "./paths";

/**
 * Makes a folder whose `node_modules` holds this package as users get it (its `package.json` and
 * built `dist/`, copied, so the SDK serializes the provider as `require("pulumi-comm100/...")`)
 * beside links to the repository's own dependencies. Test projects live below it.
 */
export function createFixtureRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "pulumi-comm100-e2e-"));
  const modules = path.join(root, "node_modules");
  mkdirSync(modules);
  const repoModules = path.join(repoRoot, "node_modules");
  for (const entry of readdirSync(repoModules)) {
    if (entry === ".bin" || entry === "pulumi-comm100") continue;
    symlinkSync(path.join(repoModules, entry), path.join(modules, entry));
  }
  const pkg = path.join(modules, "pulumi-comm100");
  mkdirSync(pkg);
  cpSync(path.join(repoRoot, "package.json"), path.join(pkg, "package.json"));
  cpSync(path.join(repoRoot, "dist"), path.join(pkg, "dist"), { recursive: true });
  return root;
}
