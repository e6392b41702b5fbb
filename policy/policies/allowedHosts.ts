import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, hostListSchema } from "../config";
import { hostAllowed } from "../rules/hostPatterns";
import { declaredTargetUrl, isWebhookType, webhookLabel } from "../webhookResources";

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
  validateResource: (args, reportViolation) => {
    if (!isWebhookType(args.type)) return;
    const url = declaredTargetUrl(args);
    if (!url) return; // no URL, or none to take a host from: comm100-https-only reports it
    const { allowedHosts } = configWithDefaults(args, defaults);
    if (hostAllowed(url.hostname, allowedHosts)) return;
    const approved =
      allowedHosts.length > 0
        ? `the approved hosts are ${allowedHosts.join(", ")}`
        : "no host is approved yet: list the receiving hosts in this policy's allowedHosts config";
    reportViolation(
      `${webhookLabel(args)} sends chat data to ${url.hostname}, which is not an approved ` +
        `receiving host: ${approved}.`,
    );
  },
};
