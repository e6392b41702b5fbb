import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, hostListSchema } from "../config";
import { hostAllowed } from "../rules/hostPatterns";
import { validateTargetUrl } from "../webhookResources";

const defaults = { exemptHosts: [] as string[] };

/** Every webhook's targetUrl uses https, but for the hosts the config exempts. */
export const httpsOnly: ResourceValidationPolicy = {
  name: "comm100-https-only",
  description:
    "A Comm100 webhook's targetUrl uses https: Comm100 POSTs chat transcripts, visitor names and e-mail addresses to it.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      exemptHosts: {
        ...hostListSchema,
        description:
          "Hosts that may receive over http, e.g. a local receiver: exact hosts or *.example.com.",
        default: defaults.exemptHosts,
      },
    },
  },
  validateResource: validateTargetUrl((url, args) => {
    const { exemptHosts } = configWithDefaults(args, defaults);
    if (url.protocol === "https:" || hostAllowed(url.hostname, exemptHosts)) return undefined;
    return `sends chat data to ${url.hostname} over ${url.protocol.slice(0, -1)}: give it an https targetUrl.`;
  }, "has a targetUrl that is not an absolute https URL."),
};
