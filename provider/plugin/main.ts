/**
 * `pulumi-resource-comm100`: the engine starts this program and talks to it over gRPC.
 * `npm run build:plugin` bundles it into `bin/pulumi-resource-comm100`.
 */
import * as provider from "@pulumi/pulumi/provider";
import { SharedRunMemory } from "../core/lifecycle/sharedRunMemory";
import { engineWarnings } from "./engineLog";
import { PluginProvider } from "./pluginProvider";
import { applyServerWorkarounds } from "./serverWorkarounds";

const args = process.argv.slice(2);
const run = SharedRunMemory.forProcess(args);
const plugin = new PluginProvider(run, engineWarnings(SharedRunMemory.engineAddressIn(args)));
applyServerWorkarounds((config) => plugin.configure(config));
provider.main(plugin, args).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-comm100: ${String(error)}\n`);
  process.exitCode = 1;
});
