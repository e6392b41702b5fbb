import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { pluginDownloadURL } from "../../provider/plugin/schema";
import { releaseDir, releaseVersion } from "../support/releaseArtifacts";

const version = releaseVersion();
const file = (name: string) => path.join(releaseDir, name);
const archive = (target: string) => `pulumi-resource-comm100-v${version}-${target}.tar.gz`;
/** Reads one member of a `.tar.gz` (as bytes) without unpacking the rest. */
const memberOf = (tarball: string, member: string) =>
  execFileSync("tar", ["-xzOf", file(tarball), member], { maxBuffer: 512 * 1024 * 1024 });
const membersOf = (tarball: string) =>
  execFileSync("tar", ["-tzf", file(tarball)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .sort();

/** The operating system and processor an executable is built for, read from its header. */
function platformOf(executable: Buffer): string {
  if (executable.subarray(0, 4).toString("latin1") === "\x7fELF") {
    const machine = executable.readUInt16LE(18);
    return `linux-${machine === 0x3e ? "amd64" : machine === 0xb7 ? "arm64" : machine}`;
  }
  if (executable.subarray(0, 2).toString("latin1") === "MZ") {
    const header = executable.readUInt32LE(0x3c);
    const machine = executable.readUInt16LE(header + 4);
    return `windows-${machine === 0x8664 ? "amd64" : machine}`;
  }
  return "unknown";
}

describe("npm run release", () => {
  it("writes each artifact under the name users and the engine look for, and nothing else", () => {
    expect(readdirSync(releaseDir).sort()).toEqual(
      [
        "checksums.txt",
        "go-module.txt",
        `pulumi-comm100-${version}.tgz`,
        archive("linux-amd64"),
        archive("linux-arm64"),
        archive("windows-amd64"),
        `pulumi_comm100-${version}-py3-none-any.whl`,
        `pulumi_comm100-${version}.tar.gz`,
      ].sort(),
    );
  });

  it("lists the sha256 of every other artifact in checksums.txt, and each is right", () => {
    const listed = readFileSync(file("checksums.txt"), "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+\*?/));
    expect(listed.map(([, name]) => name).sort()).toEqual(
      readdirSync(releaseDir)
        .filter((name) => name !== "checksums.txt")
        .sort(),
    );
    for (const [sum, name] of listed) {
      expect(
        createHash("sha256")
          .update(readFileSync(file(name)))
          .digest("hex"),
        name,
      ).toBe(sum);
    }
  });

  it.each([
    ["linux-amd64", "pulumi-resource-comm100"],
    ["linux-arm64", "pulumi-resource-comm100"],
    ["windows-amd64", "pulumi-resource-comm100.exe"],
  ])(
    "packs the %s plugin as a single executable of that platform with Node.js inside",
    (target, executable) => {
      expect(membersOf(archive(target))).toEqual(["LICENSE", "README.md", executable]);
      const binary = memberOf(archive(target), executable);
      expect(platformOf(binary)).toBe(target);
      // Node looks for an injected application only when this fuse was flipped to 1 by postject.
      expect(binary.includes("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1")).toBe(true);
      // The plugin's own code is inside: its usage text, as the bundle has it.
      expect(binary.includes("pulumi-resource-comm100")).toBe(true);
    },
  );

  it("gives the npm package, the Python SDK and the Go module the one version", () => {
    const npmPackage = JSON.parse(
      memberOf(`pulumi-comm100-${version}.tgz`, "package/package.json").toString("utf8"),
    );
    expect(npmPackage.version).toBe(version);

    const wheel = file(`pulumi_comm100-${version}-py3-none-any.whl`);
    const pluginJson = execFileSync("unzip", ["-p", wheel, "pulumi_comm100/pulumi-plugin.json"], {
      encoding: "utf8",
    });
    // The engine reads this to install the plugin a Python program needs: its version and server.
    expect(JSON.parse(pluginJson)).toEqual({
      resource: true,
      name: "comm100",
      version,
      server: pluginDownloadURL,
    });
    const sdist = memberOf(
      `pulumi_comm100-${version}.tar.gz`,
      `pulumi_comm100-${version}/PKG-INFO`,
    );
    expect(sdist.toString("utf8")).toMatch(
      new RegExp(`^Version: ${version.replace(/\./g, "\\.")}$`, "m"),
    );

    expect(readFileSync(file("go-module.txt"), "utf8")).toBe(
      `module github.com/comm100-iac/pulumi-comm100/sdk\ntag sdk/v${version}\nrelease tag v${version}\n`,
    );
  });
});
