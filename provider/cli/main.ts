#!/usr/bin/env node
/** `npx pulumi-comm100 <command>`: the package's commands (see `commands.ts`). */
import { commandsUsage, runCommand } from "./commands";

const run = runCommand(process.argv.slice(2));
if (run) {
  void run.then((code) => (process.exitCode = code));
} else {
  console.error(commandsUsage);
  process.exitCode = 2;
}
