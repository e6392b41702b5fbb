import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../pulumiProject/paths";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const ciRun = readFileSync(path.join(repoRoot, ".ci", "run"), "utf8");
const scripts = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts;

/** The commands of the README's "The two commands" block, comments left out. */
function readmeCommands(): string[] {
  const section = readme.slice(readme.indexOf("## The two commands"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean);
}

/** The commands `.ci/run` executes, in order (its `step` titles and comments left out). */
function ciCommands(): string[] {
  return ciRun
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^(npm|npx|bash|node|pip|go|sudo|apt|curl|sh) /.test(line));
}

describe("the README's two commands and .ci/run", () => {
  it("are the demo and the whole suite", () => {
    expect(readmeCommands()).toEqual(["npm ci && npm run demo", "npm ci && npm test"]);
    // Every project but `release`, which needs `npm run release` first (CI runs it after).
    expect(scripts.test).toMatch(/&& vitest run --project unit --project e2e --project live$/);
  });

  it("agree: CI runs the README's test command, with nothing installed before it", () => {
    const commands = ciCommands();
    const testAt = commands.findIndex((command) => /^npm test( |$)/.test(command));
    expect(testAt, "CI runs `npm test`").toBeGreaterThan(0);
    expect(commands[0]).toMatch(/^npm ci( |$)/);
    // Before `npm test` CI may only check the generated files: anything that installed a tool
    // would hide a README command that does not install it.
    expect(commands.slice(1, testAt)).toEqual(["npm run --silent check:sdk"]);
    // `npm test -- <reporter options>` adds output, never a filter of the tests.
    expect(commands[testAt].replace(/^npm test/, "")).toMatch(
      /^( -- (--reporter=\S+ ?|--outputFile=\S+ ?)+)?$/,
    );
    // After it: the check that tests ran (a `node -e` script), and what CI alone needs.
    expect(commands.slice(testAt + 1)).toEqual([
      "node -e '",
      "npm run --silent test:live:emulator",
      "npm run --silent test:release",
      "npm run --silent test:compat",
    ]);
  });
});
