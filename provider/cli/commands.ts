import { discover, discoverUsage } from "./discover";

/** The commands of `pulumi-comm100` (and of the plugin binary run with arguments). */
export const commandsUsage = `pulumi-comm100 <command>\ncommands:\n${discoverUsage}`;

/**
 * Runs the command `args` names (`discover …`) and resolves to its exit code; `undefined` when
 * `args` name no command.
 */
export function runCommand(args: readonly string[]): Promise<number> | undefined {
  const [command, ...rest] = args;
  const io = { cwd: process.cwd(), env: process.env, print: (line: string) => console.log(line) };
  if (command === "discover") return discover(rest, io);
  return undefined;
}
