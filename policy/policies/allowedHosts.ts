import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, hostListSchema } from "../config";
import { hostAllowed } from "../rules/hostPatterns";
import { validateTargetUrl } from "../webhookResources";

const defaults = { allowedHosts: [] as string[] };

/** Every webhook's target host is on the config's allow-list (none is, until one is listed). */
export const allowedHosts: ResourceValidationPolicy = {
  name: "comm100-allowed-hosts",
  description: "A Comm100 webhook sends chat data only to an approved receiving host.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedHosts: {
        ...hostListSchema,
        description:
          "The approved receiving hosts: exact hosts (hooks.example.com) or patterns (*.example.com: any host below example.com).",
        default: defaults.allowedHosts,
      },
    },
  },
  validateResource: validateTargetUrl((url, args) => {
    const { allowedHosts } = configWithDefaults(args, defaults);
    if (hostAllowed(url.hostname, allowedHosts)) return undefined;
    const approved =
      allowedHosts.length > 0
        ? `the approved hosts are ${allowedHosts.join(", ")}`
        : "no host is approved yet: list the receiving hosts in this policy's allowedHosts config";
    return `sends chat data to ${url.hostname}, which is not an approved receiving host: ${approved}.`;
  }),
};
