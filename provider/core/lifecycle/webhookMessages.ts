import { accountLabel } from "../settings/accountIdentity";
import type { Connection } from "../settings/connection";
import { maskedUrl } from "../url/maskedUrl";
import type { Webhook } from "../webhook/webhookFields";
import type { Door } from "./door";
import { describeResource, type ResourceName } from "./resourceName";

/*
 * Every refusal and warning of a webhook's lifecycle that names a resource or a fix, phrased in
 * the terms of the door that serves it. A target URL is shown masked (the receiver's secret).
 */

/** A webhook's event and target, as a message shows them. */
function described(webhook: Omit<Webhook, "id">): string {
  return `event "${webhook.event}" to ${maskedUrl(webhook.targetUrl)}`;
}

/** `resource` as the start of a sentence ("This Comm100Webhook"; a type token stays as it is). */
function subject(door: Door, resource: ResourceName): string {
  return door.describe(resource).replace(/^this /, "This ");
}

/** An argument the door's webhook does not take. */
export function unknownArgument(door: Door, name: string): string {
  return `${name} is not an argument of ${door.webhookType}: use ${door.webhookArguments.join(", ")}`;
}

/**
 * The refusal to make a webhook the account already has and no resource of the run holds: the
 * adoption that keeps it first, then what fits when it is the resource's own under another name
 * or in a replacement.
 */
export function alreadyExists(door: Door, resource: ResourceName, existing: Webhook): Error {
  const replacementFix = door.replacementFix(resource);
  const replacement = replacementFix ? ` ${replacementFix}` : "";
  return new Error(
    `A webhook for ${described(existing)} already exists in Comm100 (id ${existing.id}) and no ` +
      "resource of this stack manages it: making another would deliver every event twice. " +
      `Nothing was changed. To manage it here, ${door.adoptFix(resource, existing.event, existing.id)}. ` +
      `If a resource you renamed or moved manages it, ${door.aliasFix(resource, existing.event)} ` +
      `instead.${replacement} After an interrupted \`pulumi up\` that made it, ` +
      "`COMM100_ADOPT_EXISTING=true pulumi up` adopts every such webhook once.",
  );
}

/** Two resources of the run make the same webhook; `holder` already holds it as `existing`. */
export function declaredTwice(
  door: Door,
  resource: ResourceName,
  existing: Webhook,
  holder: ResourceName,
): Error {
  return new Error(
    `${subject(door, resource)} and ${describeResource(holder)} declare the same webhook ` +
      `(${described(existing)}; the latter holds it as id ${existing.id}): ` +
      "Comm100 would deliver every event twice. Declare it once: remove one of the two, or give " +
      "one another event or targetUrl. Nothing was changed for this resource.",
  );
}

/**
 * Found before any API call: `other` (as messages name it) declares the webhook `resource`
 * declares, in the same account (`account`, when known).
 */
export function declaredTwiceAtCheck(
  door: Door,
  resource: ResourceName,
  other: string,
  fields: Omit<Webhook, "id">,
  account?: Connection,
): string {
  const where = account ? accountLabel(account) : "the same account";
  return (
    `${subject(door, resource)} and ${other} declare the same webhook (${described(fields)} in ` +
    `${where}): Comm100 would deliver every event twice. Declare it once: remove one of the ` +
    "two, or give one another event or targetUrl."
  );
}

/** Two resources of the run hold one webhook (adopted or imported twice). */
export function managedTwice(
  door: Door,
  id: string,
  resource: ResourceName,
  other: ResourceName,
): Error {
  return new Error(
    `Webhook ${id} is managed by two resources of this stack, ${door.describe(resource)} and ` +
      `${describeResource(other)} (it was adopted or imported twice); a webhook belongs to one ` +
      "resource. Remove one of the two from the program and run `pulumi up`: the removed one " +
      "leaves the state and the webhook stays with the other. Nothing was changed.",
  );
}

/** Why the delete of `resource` leaves webhook `id` in Comm100: `holder` keeps it. */
export function keptByAnother(
  door: Door,
  id: string,
  resource: ResourceName,
  holder: ResourceName,
): string {
  const who = holder && holder !== resource ? describeResource(holder) : "another resource";
  return (
    `Webhook ${id} was not deleted: ${who} of this stack manages it in this run. ` +
    `${subject(door, resource)} leaves the state; the webhook stays in Comm100.`
  );
}

/** A webhook id that is not one, given to a lookup or an import. */
export function malformedId(door: Door, problem: string): Error {
  return new Error(`${door.webhookType} id ${problem}`);
}

/** A lookup or an import of an id the account does not have. */
export function noSuchWebhook(door: Door, id: string, connection: Connection): Error {
  return new Error(
    `${door.webhookType} ${id}: ${accountLabel(connection)} has no webhook with this id. Check ` +
      `the id (${door.listing}) and ${door.accountOfLookup}.`,
  );
}

/** An `adoptId` the account does not have. */
export function adoptionMissing(
  door: Door,
  resource: ResourceName,
  event: string,
  id: string,
  connection: Connection,
): Error {
  return new Error(
    `${door.adoptArgument(resource, event)} ${id}: ${accountLabel(connection)} has no webhook ` +
      `with this id. Check the id (${door.listing}) and ${door.accountOfAdoption}, or remove ` +
      `${door.adoptArgument(resource, event)} to create a new webhook.`,
  );
}

/** An `adoptId` naming a webhook another resource of the run holds. */
export function adoptionHeld(
  door: Door,
  resource: ResourceName,
  event: string,
  id: string,
  holder: ResourceName,
): Error {
  const argument = door.adoptArgument(resource, event);
  return new Error(
    `${argument} ${id}: ${describeResource(holder)} manages this webhook; a webhook belongs to ` +
      `one resource. Remove ${argument} here, or remove the other resource. Nothing was changed.`,
  );
}

/** The webhook vanished while it was being adopted. */
export function adoptionVanished(
  door: Door,
  resource: ResourceName,
  event: string,
  id: string,
): Error {
  return new Error(
    `${door.adoptArgument(resource, event)} ${id}: the webhook was deleted while being adopted.`,
  );
}
