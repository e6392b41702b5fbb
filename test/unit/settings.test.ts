import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../pulumiProject/paths";
import {
  connectionSettingNames,
  defaultTuning,
  settings,
  tuningFrom,
  type SettingName,
} from "../../provider/core/settings/settings";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const noConfig = () => undefined;
const config = (values: Record<string, string>) => (key: string) => values[key];

/** A README row as the settings table gives it. */
function readmeRow(name: SettingName): string {
  const setting = settings[name];
  const cell = (value: string | undefined) => (value === undefined ? "–" : `\`${value}\``);
  const shownDefault = setting.defaultValue === undefined ? "–" : String(setting.defaultValue);
  return `| ${cell(setting.config)} | ${cell(setting.env)} | ${shownDefault} | ${setting.secret ? "yes" : "no"} | ${setting.meaning} |`;
}

describe("the settings table", () => {
  it("is the README's table of settings, row for row", () => {
    const rows = readme.split("\n").filter((line) => /^\| (`comm100:|– \| `COMM100_)/.test(line));
    expect(rows).toEqual(Object.keys(settings).map((name) => readmeRow(name as SettingName)));
  });

  it("is the plugin docs' configuration reference, row for row", () => {
    const docs = readFileSync(path.join(repoRoot, "docs/installation-configuration.md"), "utf8");
    const rows = docs.split("\n").filter((line) => line.startsWith("| `comm100:"));
    const expected = Object.values(settings).flatMap((setting) =>
      setting.config === undefined
        ? []
        : [
            `| \`${setting.config}\` | \`${setting.env}\` | ${setting.defaultValue ?? "–"} | ${setting.secret ? "yes" : "no"} |`,
          ],
    );
    expect(rows).toEqual(expected);
  });

  it("names each environment variable after its stack config key", () => {
    for (const setting of Object.values(settings)) {
      if (setting.config === undefined) continue;
      const snake = setting.config.replace("comm100:", "").replace(/[A-Z]/g, (c) => `_${c}`);
      expect(setting.env).toBe(`COMM100_${snake.toUpperCase()}`);
    }
  });

  it("marks the credentials secret, and nothing else", () => {
    const secret = Object.entries(settings).filter(([, setting]) => setting.secret);
    expect(secret.map(([name]) => name)).toEqual(["accessToken", "apiKey"]);
    expect(connectionSettingNames).toContain("accessToken");
    expect(connectionSettingNames).toContain("apiKey");
  });
});

describe("tuningFrom", () => {
  it("gives every default when nothing is set", () => {
    expect(tuningFrom(noConfig, {})).toEqual({
      requestTimeoutMs: 30_000,
      maxRetries: 5,
      retryBaseDelayMs: 250,
      createSettleMs: 60_000,
      adoptExisting: false,
    });
    expect(defaultTuning).toEqual(tuningFrom(noConfig, {}));
  });

  it("reads the environment when stack config leaves a setting out", () => {
    const env = { COMM100_MAX_RETRIES: "0", COMM100_ADOPT_EXISTING: "TRUE" };
    expect(tuningFrom(noConfig, env)).toMatchObject({ maxRetries: 0, adoptExisting: true });
  });

  it("prefers stack config over the environment", () => {
    const tuning = tuningFrom(config({ "comm100:requestTimeoutMs": "500" }), {
      COMM100_REQUEST_TIMEOUT_MS: "900",
    });
    expect(tuning.requestTimeoutMs).toBe(500);
  });

  it("treats an empty value as not set", () => {
    expect(tuningFrom(noConfig, { COMM100_CREATE_SETTLE_MS: " " }).createSettleMs).toBe(60_000);
  });

  it.each([
    ["comm100:requestTimeoutMs", "0", "must be a whole number of at least 1"],
    ["comm100:maxRetries", "-1", "must be a whole number of at least 0"],
    ["comm100:retryBaseDelayMs", "1.5", "must be a whole number of at least 0"],
    ["comm100:createSettleMs", "soon", "must be a whole number of at least 0"],
    ["comm100:adoptExisting", "yes", 'must be "true" or "false"'],
  ])("refuses %s = %s, naming the key", (key, value, problem) => {
    expect(() => tuningFrom(config({ [key]: value }), {})).toThrow(
      `${key} ${problem}; got "${value}"`,
    );
  });

  it("names the environment variable when the bad value came from there", () => {
    expect(() => tuningFrom(noConfig, { COMM100_MAX_RETRIES: "many" })).toThrow(
      'COMM100_MAX_RETRIES must be a whole number of at least 0; got "many"',
    );
  });
});
