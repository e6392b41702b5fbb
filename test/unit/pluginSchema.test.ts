import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { settings } from "../../provider/core/settings/settings";
import { webhookEvents } from "../../provider/core/webhook/events";
import { packageSchema } from "../../provider/plugin/schema";
import { verifiedSdkVersions } from "../../provider/plugin/serverWorkarounds";

const repoRoot = path.resolve(__dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), "utf8"));
const committed = readJson("provider/plugin/schema.json");

describe("the plugin's schema", () => {
  it("is what the code builds (else run `npm run build:plugin` and commit schema.json)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(packageSchema())));
  });

  it("carries the package's version", () => {
    expect(committed.version).toBe(readJson("package.json").version);
  });

  it("has every comm100:* setting as provider config, the credentials secret", () => {
    const keys = Object.values(settings).flatMap((setting) =>
      setting.config === undefined ? [] : [setting.config.replace("comm100:", "")],
    );
    expect(Object.keys(committed.config.variables)).toEqual(keys);
    expect(committed.provider.inputProperties).toEqual(committed.config.variables);
    const secret = Object.entries(committed.config.variables)
      .filter(([, variable]) => (variable as { secret?: boolean }).secret)
      .map(([name]) => name);
    expect(secret).toEqual(["accessToken", "apiKey"]);
  });

  it("offers every Comm100 event, and documents every property", () => {
    const events = committed.types["comm100:index:WebhookEvent"].enum.map(
      (entry: { value: string }) => entry.value,
    );
    expect(events).toEqual([...webhookEvents]);
    const webhook = committed.resources["comm100:index:Webhook"];
    for (const property of Object.values({ ...webhook.inputProperties, ...webhook.properties })) {
      expect((property as { description?: string }).description).toMatch(/\w{3,}/);
    }
    expect(webhook.properties.account.secret).toBe(true);
  });
});

describe("the provider server workarounds", () => {
  it("were verified against the installed @pulumi/pulumi (else verify them again)", () => {
    const installed = readJson("node_modules/@pulumi/pulumi/package.json").version;
    expect(verifiedSdkVersions).toContain(installed);
  });
});
