import type { Door } from "../core/lifecycle/door";
import { describeResource, parseUrn, type ResourceName } from "../core/lifecycle/resourceName";
import { webhookArguments } from "../core/webhook/webhookArguments";
import { tokens } from "./schema";

const showUrns = "(`pulumi stack --show-urns` lists them)";

/**
 * The subscription `urn`'s webhook belongs to, as messages name it, when its parent is a
 * `comm100:index:WebhookSubscription` (the URN's type chain says so; its webhook of `event` is
 * named `<subscription>-<event>`).
 */
function subscriptionOf(urn: ResourceName, event: string): string | undefined {
  const name = parseUrn(urn)?.name;
  if (name === undefined || !inSubscription(urn)) return undefined;
  const suffix = `-${event}`;
  const subscription = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  return `${tokens.webhookSubscription} "${subscription}"`;
}

/** Whether the parent of the resource `urn` names is a `comm100:index:WebhookSubscription`. */
function inSubscription(urn: ResourceName): boolean {
  const types = parseUrn(urn)?.types ?? [];
  return types[types.length - 2] === tokens.webhookSubscription;
}

function describe(urn: ResourceName): string {
  return urn ? describeResource(urn) : `this ${tokens.webhook}`;
}

/**
 * `comm100:index:Webhook` as the lifecycle's messages name it: in the schema's terms, as YAML
 * writes them and every language's SDK mirrors them, the resource named by its URN, and the fixes
 * of a subscription's webhook given on the subscription.
 */
export const pluginDoor: Door = {
  webhookType: tokens.webhook,
  webhookArguments: Object.keys(webhookArguments),
  describe,
  adoptFix: (urn, event, id) => {
    const subscription = subscriptionOf(urn, event);
    return subscription
      ? `add \`${event}: "${id}"\` to the \`adoptIds\` of ${subscription}`
      : `give ${describe(urn)} the property \`adoptId: "${id}"\``;
  },
  adoptArgument: (urn, event) => (subscriptionOf(urn, event) ? `adoptIds.${event}` : "adoptId"),
  aliasFix: (urn, event) => {
    const subscription = subscriptionOf(urn, event);
    return subscription
      ? `add its old URN ${showUrns} to \`webhookAliases.${event}\` of ${subscription}`
      : `add its old URN ${showUrns} to the \`aliases\` option of ${describe(urn)}`;
  },
  // A subscription's webhooks delete before they are replaced.
  replacementFix: (urn) =>
    inSubscription(urn)
      ? undefined
      : "If this is `pulumi up --replace` of this resource (the webhook is its own: a replacement " +
        "makes the new webhook before it deletes the old one), set the resource option " +
        "`deleteBeforeReplace: true` and run it again.",
  listing: "`pulumi do comm100:Webhook list` or the function comm100:index:getWebhooks lists them",
  accountOfLookup: "use a provider that reaches the account it is in (`pulumi import --provider`)",
  accountOfAdoption: "that the resource's provider reaches the account it is in",
};
