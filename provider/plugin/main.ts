/**
 * `pulumi-resource-comm100`: the engine starts this program and talks to it over gRPC.
 * `npm run build:plugin` bundles it into `bin/pulumi-resource-comm100`.
 */
import * as provider from "@pulumi/pulumi/provider";
import { PluginProvider } from "./pluginProvider";
import { applyServerWorkarounds } from "./serverWorkarounds";

const plugin = new PluginProvider();
applyServerWorkarounds((config) => plugin.configure(config));
provider.main(plugin, process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-comm100: ${String(error)}\n`);
  process.exitCode = 1;
});
