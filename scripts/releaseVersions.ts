/**
 * The version a release carries, as each shipped file states it: the npm package, the plugin's
 * schema and the three SDKs must all say package.json's version, or the engine asks for a plugin
 * that was never released. Run directly (`npx tsx scripts/releaseVersions.ts`), it prints each
 * place that disagrees and exits 1.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** A file of the release and how to read the version it states. */
interface VersionSource {
  file: string;
  read: (text: string) => string | undefined;
}

const jsonVersion = (text: string): string | undefined => JSON.parse(text).version;

const sources: VersionSource[] = [
  { file: "package.json", read: jsonVersion },
  { file: "provider/plugin/schema.json", read: jsonVersion },
  { file: "sdk/nodejs/package.json", read: jsonVersion },
  { file: "sdk/python/setup.py", read: (text) => /^VERSION = "([^"]+)"$/m.exec(text)?.[1] },
  { file: "sdk/python/pulumi_comm100/pulumi-plugin.json", read: jsonVersion },
  { file: "sdk/go/comm100/pulumi-plugin.json", read: jsonVersion },
  {
    file: "sdk/go/comm100/internal/pulumiUtilities.go",
    read: (text) => /version := semver\.MustParse\("([^"]+)"\)/.exec(text)?.[1],
  },
];

/** Each place whose version differs from package.json's, as `file: states X, package.json Y`. */
export function versionMismatches(root: string): string[] {
  const [expected, ...others] = sources.map((source) => ({
    file: source.file,
    version: source.read(readFileSync(path.join(root, source.file), "utf8")),
  }));
  return others
    .filter((place) => place.version !== expected.version)
    .map(
      (place) =>
        `${place.file}: states ${place.version ?? "no version"}, package.json ${expected.version}`,
    );
}

/** The files that state the version, relative to the repository. */
export const versionFiles = sources.map((source) => source.file);

if (require.main === module) {
  const mismatches = versionMismatches(path.resolve(__dirname, ".."));
  if (mismatches.length > 0) {
    console.error(
      `The release's files disagree on its version:\n  ${mismatches.join("\n  ")}\n` +
        "Set it everywhere with `npm run version:set -- <version>`.",
    );
    process.exit(1);
  }
}
