import type { Door } from "../core/lifecycle/door";
import { webhookFieldNames } from "../core/webhook/webhookFields";

const showUrns = "(`pulumi stack --show-urns` lists them)";

/** What every `Comm100Webhook` has in common as the lifecycle's messages name it. */
const common = {
  webhookType: "Comm100Webhook",
  webhookArguments: [...webhookFieldNames, "connection", "adoptId"],
  describe: () => "this Comm100Webhook",
  // Deletes first unless the program says otherwise: a replacement never meets its own webhook.
  replacementFix: () => undefined,
  listing: "getWebhooks() lists them",
  accountOfLookup: "give the connection of the account it is in",
  accountOfAdoption: "that the connection names the account it is in",
};

/**
 * `Comm100Webhook` as the lifecycle's messages name it: its own fixes, or, for a webhook of the
 * `Comm100WebhookSubscription` named `subscription`, the subscription's. The hooks are not told
 * the resource's name, so the resource itself is "this Comm100Webhook".
 */
export function dynamicDoor(subscription?: string): Door {
  if (subscription === undefined) {
    return {
      ...common,
      adoptFix: (_resource, _event, id) => `pass \`adoptId: "${id}"\` to this Comm100Webhook`,
      adoptArgument: () => "adoptId",
      aliasFix: () => `add its old URN ${showUrns} to this Comm100Webhook's \`aliases\` option`,
    };
  }
  const owner = `Comm100WebhookSubscription "${subscription}"`;
  return {
    ...common,
    adoptFix: (_resource, event, id) => `pass \`adoptIds: { ${event}: "${id}" }\` to ${owner}`,
    adoptArgument: (_resource, event) => `adoptIds.${event}`,
    aliasFix: (_resource, event) =>
      `pass its old URN ${showUrns} to ${owner} as \`webhookAliases: { ${event}: ["<old urn>"] }\``,
  };
}
