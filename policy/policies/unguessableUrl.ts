import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../config";
import { defaultUnguessableOptions, hasUnguessableSegment } from "../rules/unguessableSegment";
import { validateTargetUrl } from "../webhookResources";

/**
 * Every webhook's targetUrl has an unguessable segment (the rule: `rules/unguessableSegment.ts`):
 * Comm100 signs nothing, so the URL is the only secret a receiver has. Advisory by default.
 */
export const unguessableUrl: ResourceValidationPolicy = {
  name: "comm100-unguessable-url",
  description:
    "A Comm100 webhook's targetUrl has an unguessable path segment or query value: Comm100 signs nothing.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      minLength: {
        type: "integer",
        minimum: 1,
        description: "The fewest characters of an unguessable segment.",
        default: defaultUnguessableOptions.minLength,
      },
      minBitsPerCharacter: {
        type: "number",
        minimum: 0,
        description: "The least Shannon entropy of its characters, in bits per character.",
        default: defaultUnguessableOptions.minBitsPerCharacter,
      },
      maxMeanRunLength: {
        type: "number",
        minimum: 1,
        description:
          "The longest mean run of digits, lower-case or capital letters (words make long runs).",
        default: defaultUnguessableOptions.maxMeanRunLength,
      },
    },
  },
  validateResource: validateTargetUrl((url, args) => {
    const options = configWithDefaults(args, defaultUnguessableOptions);
    if (hasUnguessableSegment(url, options)) return undefined;
    return (
      `has a targetUrl on ${url.hostname} without an unguessable segment: ` +
      "Comm100 signs nothing, so a secret in the URL is all that tells the receiver a POST " +
      `comes from Comm100. Add a path segment of at least ${options.minLength} random ` +
      "characters, e.g. a UUID."
    );
  }),
};
