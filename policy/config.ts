import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { hostPatternSyntax } from "./rules/hostPatterns";

/** The config schema of a list of hosts: exact hosts or `*.example.com` patterns. */
export const hostListSchema: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string", pattern: hostPatternSyntax },
};

/** A policy's config: `defaults`, overridden by what the pack's config sets for the policy. */
export function configWithDefaults<T extends object>(
  args: { getConfig<C extends object>(): C },
  defaults: T,
): T {
  return { ...defaults, ...args.getConfig<Partial<T>>() };
}
