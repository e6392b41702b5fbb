import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../pulumiProject/paths";

/** Every `.ts` file under `folder` (relative to the repository), with the modules it imports. */
function importsUnder(folder: string): Array<{ file: string; imports: string[] }> {
  const files = readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(folder, file));
  return files.map((file) => {
    const source = readFileSync(path.join(repoRoot, file), "utf8");
    const imports = [...source.matchAll(/(?:from|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
    return { file, imports };
  });
}

/** The imports of `folder`'s files that resolve into `forbidden` or match a package name. */
function offending(folder: string, isForbidden: (resolved: string, spec: string) => boolean) {
  return importsUnder(folder).flatMap(({ file, imports }) =>
    imports
      .filter((spec) => {
        const resolved = spec.startsWith(".")
          ? path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), spec))
          : spec;
        return isForbidden(resolved, spec);
      })
      .map((spec) => `${file} imports ${spec}`),
  );
}

describe("the layout", () => {
  it("keeps the core free of Pulumi and of the doors", () => {
    expect(
      offending(
        "provider/core",
        (resolved) =>
          resolved.startsWith("@pulumi/") ||
          resolved.startsWith("provider/dynamic") ||
          resolved.startsWith("provider/plugin"),
      ),
    ).toEqual([]);
  });

  it("keeps the two doors apart: each is an adapter over the core only", () => {
    expect(
      offending("provider/dynamic", (resolved) => resolved.startsWith("provider/plugin")),
    ).toEqual([]);
    expect(
      offending("provider/plugin", (resolved) => resolved.startsWith("provider/dynamic")),
    ).toEqual([]);
  });

  it("keeps the published package free of the emulator and the tests", () => {
    expect(
      offending("provider", (resolved) => /^(emulator|test|bench|scripts)(\/|$)/.test(resolved)),
    ).toEqual([]);
  });

  it("keeps the policy pack self-contained (it ships as sources) and its rules free of Pulumi", () => {
    expect(
      offending("policy", (resolved) => !/^(policy\/|@pulumi\/|node:)/.test(resolved)),
    ).toEqual([]);
    expect(offending("policy/rules", (resolved) => resolved.startsWith("@pulumi/"))).toEqual([]);
  });

  it.each(["scripts", "bench", "emulator", "pulumiProject", "policy"])(
    "lets %s/ import no test folder",
    (folder) => {
      expect(offending(folder, (resolved) => /^test(\/|$)/.test(resolved))).toEqual([]);
    },
  );
});
