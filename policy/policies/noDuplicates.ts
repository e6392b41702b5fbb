import type { StackValidationPolicy } from "@pulumi/policy";
import { duplicateGroups } from "../rules/duplicates";
import { isWebhookType, knownProperty, webhookLabel } from "../webhookResources";

/**
 * No two webhooks of the stack deliver the same event to the same target, whichever resource
 * type and account declare them. Targets not known yet (preview) are left out; the known ones
 * are checked, and every one once `up` has made them.
 */
export const noDuplicates: StackValidationPolicy = {
  name: "comm100-no-duplicate-webhooks",
  description:
    "No two Comm100 webhooks of a stack deliver the same event to the same target (it would arrive twice).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const webhooks = args.resources
      .filter((resource) => isWebhookType(resource.type))
      .flatMap((resource) => {
        const event = knownProperty(resource, "event");
        const targetUrl = knownProperty(resource, "targetUrl");
        return typeof event === "string" && typeof targetUrl === "string"
          ? [{ resource, event, targetUrl }]
          : [];
      });
    for (const group of duplicateGroups(webhooks)) {
      for (const webhook of group) {
        const others = group.filter((other) => other !== webhook).map((other) => other.resource);
        reportViolation(
          `${webhookLabel(webhook.resource)} delivers ${webhook.event} to the same target as ` +
            `${others.map(webhookLabel).join(" and ")}${onHost(webhook.targetUrl)}: each ` +
            `${webhook.event} would arrive twice; keep one of them.`,
          webhook.resource.urn,
        );
      }
    }
  },
};

function onHost(targetUrl: string): string {
  try {
    return ` (on ${new URL(targetUrl).hostname})`;
  } catch {
    return "";
  }
}
