/**
 * Run with tsx by `secrets.test.ts` (vitest rewrites imports into objects the SDK's closure
 * serializer cannot capture, so the serialization runs under plain Node module loading).
 *
 * Argument: JSON `{ config, webhook }`. Configures the provider with `config` (stack config,
 * full `comm100:*` keys), creates `webhook` so that the process holds live clients and
 * credentials, then serializes the provider the way `pulumi.dynamic.Resource` does and prints
 * JSON `{ id, text }`.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider as provider } from "../../provider/dynamic/dynamicProvider";
import type { WebhookInputs } from "../../provider/core/lifecycle/webhookLifecycle";

async function main(): Promise<void> {
  const { config, webhook } = JSON.parse(process.argv[2]) as {
    config: Record<string, string>;
    webhook: WebhookInputs;
  };
  const get = (key: string): string | undefined => config[key];
  await provider.configure!({ config: { get } as unknown as pulumi.Config });
  const { id } = await provider.create(webhook);
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  process.stdout.write(JSON.stringify({ id, text }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});
