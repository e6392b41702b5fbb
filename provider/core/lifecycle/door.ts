import type { ResourceName } from "./resourceName";

/**
 * How a door's users write what the lifecycle's messages name: the webhook resource's type as
 * their programs spell it, the arguments it takes there, and each fix in that door's syntax. Each
 * door (the dynamic provider, the provider plugin) hands its own to the lifecycle, so that every
 * message names only what exists in the program the user wrote.
 */
export interface Door {
  /** The webhook resource's type as the user's program writes it: `Comm100Webhook`, `comm100:index:Webhook`. */
  webhookType: string;
  /** The arguments a webhook takes in this door. */
  webhookArguments: readonly string[];
  /** `resource` as messages name it: `comm100:index:Webhook "hook"`, or "this Comm100Webhook". */
  describe(resource: ResourceName): string;
  /** How the user brings existing webhook `id` of `event` under `resource`. */
  adoptFix(resource: ResourceName, event: string, id: string): string;
  /** The argument that adopts, as `resource` is given it: `adoptId`, `adoptIds.chatStarts`. */
  adoptArgument(resource: ResourceName, event: string): string;
  /** How the user tells Pulumi that `resource` held its webhook under an old name. */
  aliasFix(resource: ResourceName, event: string): string;
  /**
   * What to do when a replacement of `resource` that makes its successor first meets the webhook
   * it replaces, or `undefined` when the door deletes first unless told otherwise.
   */
  replacementFix(resource: ResourceName): string | undefined;
  /** How the user lists the account's webhooks: "getWebhooks() lists them". */
  listing: string;
  /** How the user points a lookup by id at the account the webhook is in. */
  accountOfLookup: string;
  /** How the user points `adoptId` at the account the webhook is in. */
  accountOfAdoption: string;
}
