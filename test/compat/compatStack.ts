import { execFileSync } from "node:child_process";
import { inject } from "vitest";
import {
  createComm100Stack,
  type Comm100Stack,
  type Comm100StackOptions,
} from "../support/comm100Stack";

/**
 * A stack wired to a fresh emulator (see `createComm100Stack`) below the packed package's npm
 * project, run by the compatibility run's CLI with Node.js `nodeVersion` first on PATH after it.
 * Its project is named `<name>-node<major>`.
 */
export function createCompatStack(
  name: string,
  nodeVersion: string,
  options: Comm100StackOptions,
): Promise<Comm100Stack> {
  const { cliRoot, nodeBins } = inject("compat");
  const major = nodeVersion.split(".")[0];
  return createComm100Stack(`${name}-node${major}`, {
    ...options,
    cliRoot,
    nodeBin: nodeBins[nodeVersion],
  });
}

/** The version of the `node` a program, host or plugin of `stack` starts (`v22.…`). */
export function nodeOnPath(stack: Comm100Stack): string {
  return execFileSync("node", ["--version"], {
    env: { ...process.env, PATH: stack.env.PATH },
    encoding: "utf8",
  }).trim();
}
