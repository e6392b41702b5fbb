/**
 * `pulumi-resource-comm100`: the engine starts this program and talks to it over gRPC. Run with
 * a command (`pulumi plugin run --kind resource comm100 -- discover …`), it runs that command
 * instead. `npm run build:plugin` bundles it into `bin/pulumi-resource-comm100`.
 */
import * as provider from "@pulumi/pulumi/provider";
import { SharedRunMemory } from "../core/lifecycle/sharedRunMemory";
import { runCommand } from "../cli/commands";
import { engineWarnings } from "./engineLog";
import { PluginProvider } from "./pluginProvider";
import { applyServerWorkarounds } from "./serverWorkarounds";

const args = process.argv.slice(2);
const command = runCommand(args);
if (command) {
  void command.then((code) => (process.exitCode = code));
} else {
  const run = SharedRunMemory.forProcess(args);
  const plugin = new PluginProvider(run, engineWarnings(SharedRunMemory.engineAddressIn(args)));
  applyServerWorkarounds(
    (config, providerUrn) => plugin.configure(config, providerUrn),
    (token, query) => plugin.list(token, query),
  );
  provider.main(plugin, args).catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-comm100: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
