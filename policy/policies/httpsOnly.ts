import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, hostListSchema } from "../config";
import { hostAllowed } from "../rules/hostPatterns";
import { declaredTargetUrl, isWebhookType, webhookLabel } from "../webhookResources";

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
  validateResource: (args, reportViolation) => {
    if (!isWebhookType(args.type)) return;
    const url = declaredTargetUrl(args);
    if (url === undefined) return;
    if (url === null) {
      reportViolation(`${webhookLabel(args)} has a targetUrl that is not an absolute https URL.`);
      return;
    }
    const { exemptHosts } = configWithDefaults(args, defaults);
    if (url.protocol === "https:" || hostAllowed(url.hostname, exemptHosts)) return;
    reportViolation(
      `${webhookLabel(args)} sends chat data to ${url.hostname} over ${url.protocol.slice(0, -1)}: ` +
        "give it an https targetUrl.",
    );
  },
};
