import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { repoRoot } from "../../pulumiProject/paths";
import { versionFiles, versionMismatches } from "../../scripts/releaseVersions";

let copy: string | undefined;
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** The files that state the version, copied into a temporary folder, `edit` applied to one. */
function copyWith(file: string, edit: (text: string) => string): string {
  copy = mkdtempSync(path.join(tmpdir(), "release-versions-"));
  for (const name of versionFiles) {
    cpSync(path.join(repoRoot, name), path.join(copy, name), { recursive: true });
  }
  const target = path.join(copy, file);
  writeFileSync(target, edit(readFileSync(target, "utf8")));
  return copy;
}

describe("the version a release carries", () => {
  it("is package.json's in the schema and in every SDK", () => {
    expect(versionFiles.length).toBe(7);
    expect(versionMismatches(repoRoot)).toEqual([]);
  });

  it.each(versionFiles.filter((file) => file !== "package.json"))(
    "disagreeing in %s fails the check, naming the file and both versions",
    (file) => {
      const root = copyWith(file, (text) => text.split(`"${version}"`).join('"9.9.9"'));
      expect(versionMismatches(root)).toEqual([`${file}: states 9.9.9, package.json ${version}`]);
    },
  );
});
