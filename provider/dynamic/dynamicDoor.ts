import type { Door } from "../core/lifecycle/door";
import { webhookFieldNames } from "../core/webhook/webhookFields";

const inSubscription = "in a Comm100WebhookSubscription:";

/**
 * `Comm100Webhook` as the lifecycle's messages name it. Its hooks are not told which resource
 * they serve, so a fix for a webhook of a `Comm100WebhookSubscription` is given beside the
 * webhook's own; a replacement deletes first unless the program says otherwise.
 */
export const dynamicDoor: Door = {
  webhookType: "Comm100Webhook",
  webhookArguments: [...webhookFieldNames, "connection", "adoptId"],
  describe: () => "this Comm100Webhook",
  adoptFix: (_resource, event, id) =>
    `pass \`adoptId: "${id}"\` to this Comm100Webhook (${inSubscription} ` +
    `\`adoptIds: { ${event}: "${id}" }\`)`,
  adoptArgument: () => "adoptId",
  aliasFix: (_resource, event) =>
    "add its old URN (`pulumi stack --show-urns` lists them) to this Comm100Webhook's `aliases` " +
    `option (${inSubscription} \`webhookAliases: { ${event}: ["<old urn>"] }\`)`,
  replacementFix: () => undefined,
  listing: "getWebhooks() lists them",
  accountOfLookup: "give the connection of the account it is in",
  accountOfAdoption: "that the connection names the account it is in",
};
