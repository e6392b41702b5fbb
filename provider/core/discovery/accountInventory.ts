import { normalizedUrl } from "../url/httpUrl";
import { idKey, type Webhook } from "../webhook/webhookFields";

/** A webhook of the account with the resource name discovery gives it. */
export interface NamedWebhook extends Webhook {
  /** A Pulumi resource name made from the event and the target host, unique in the account. */
  name: string;
}

/** Webhooks with the same event and target URL: Comm100 delivers each event once per webhook. */
export interface Twins {
  /** The one to keep: the one a stack manages, else the first by id. */
  keep: NamedWebhook;
  /** The others, to delete. */
  extra: Webhook[];
}

/** What an account holds, seen from one stack. */
export interface AccountInventory {
  /** Webhooks no resource of the stack manages, one of each set of twins: to bring in. */
  toAdopt: NamedWebhook[];
  /** Webhooks the stack already manages. */
  managed: NamedWebhook[];
  /** Sets of identical webhooks. */
  twins: Twins[];
}

/**
 * Sorts an account's webhooks into those to bring under management, those a stack already manages
 * (`managedIds`) and sets of twins (only one of a set is brought in). Names are stable: the same
 * account gives the same names on every run.
 */
export function takeInventory(
  webhooks: readonly Webhook[],
  managedIds: ReadonlySet<string> = new Set(),
): AccountInventory {
  const isManaged = (webhook: Webhook) => managedIds.has(idKey(webhook.id));
  const named = nameWebhooks(webhooks);
  const groups = new Map<string, NamedWebhook[]>();
  for (const webhook of named) {
    const key = `${webhook.event}\n${normalizedUrl(webhook.targetUrl)}`;
    groups.set(key, [...(groups.get(key) ?? []), webhook]);
  }
  const inventory: AccountInventory = { toAdopt: [], managed: [], twins: [] };
  for (const group of groups.values()) {
    const keep = group.find(isManaged) ?? group[0];
    if (group.length > 1) {
      inventory.twins.push({ keep, extra: group.filter((webhook) => webhook !== keep) });
    }
    for (const webhook of group) {
      if (isManaged(webhook)) inventory.managed.push(webhook);
      else if (webhook === keep) inventory.toAdopt.push(webhook);
    }
  }
  return inventory;
}

/**
 * Names each webhook `<event>-<target host>` (the path is left out: it is the receiver's secret),
 * with the start of its id added where two would share a name. Sorted by name.
 */
export function nameWebhooks(webhooks: readonly Webhook[]): NamedWebhook[] {
  const sorted = [...webhooks].sort((a, b) => idKey(a.id).localeCompare(idKey(b.id)));
  const base = (webhook: Webhook) => `${slug(webhook.event)}-${slug(hostOf(webhook.targetUrl))}`;
  const counts = new Map<string, number>();
  for (const webhook of sorted) counts.set(base(webhook), (counts.get(base(webhook)) ?? 0) + 1);
  return sorted
    .map((webhook) => {
      const name = base(webhook);
      const unique = counts.get(name) === 1 ? name : `${name}-${idKey(webhook.id).slice(0, 8)}`;
      return { ...webhook, name: unique };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || "no-host";
  } catch {
    return "no-host";
  }
}

/** `text` as a resource name part: letters and digits, words joined by `-`. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "webhook";
}
