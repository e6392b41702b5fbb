import { randomUUID } from "node:crypto";
import { fieldsOf, webhookFieldNames } from "../provider/core/webhook/webhookFields";

/** The fields a caller sets, those of the provider's table; plain strings so drift can store anything. */
export type WebhookFields = Record<(typeof webhookFieldNames)[number], string>;

/** A webhook as the emulator stores it: exactly what Comm100 returns. */
export type StoredWebhook = { id: string } & WebhookFields;

/** Every site's webhooks, keyed by siteId, in creation order. */
export type StoreSnapshot = Record<string, StoredWebhook[]>;

/**
 * The webhooks of every site, isolated per siteId. Ids are compared case-insensitively but kept
 * as created. `onChange` runs after every mutation (used for persistence).
 */
export class WebhookStore {
  private readonly sites = new Map<string, Map<string, StoredWebhook>>();

  constructor(
    initial: StoreSnapshot = {},
    private readonly onChange: (snapshot: StoreSnapshot) => void = () => undefined,
  ) {
    for (const [siteId, webhooks] of Object.entries(initial)) {
      const site = this.site(siteId);
      for (const webhook of webhooks) site.set(key(webhook.id), { ...webhook });
    }
  }

  /** The site's webhooks, oldest first. */
  list(siteId: string): StoredWebhook[] {
    return [...this.site(siteId).values()].map((webhook) => ({ ...webhook }));
  }

  /** One webhook, or undefined when the site has none with that id. */
  get(siteId: string, id: string): StoredWebhook | undefined {
    const webhook = this.site(siteId).get(key(id));
    return webhook && { ...webhook };
  }

  /** Adds a webhook under `id` (default: a new upper-case GUID), replacing any with that id. */
  create(
    siteId: string,
    fields: WebhookFields,
    id: string = randomUUID().toUpperCase(),
  ): StoredWebhook {
    const webhook = { id, ...fieldsOf(fields) };
    this.site(siteId).set(key(id), webhook);
    this.changed();
    return { ...webhook };
  }

  /** Changes the given fields; undefined when the webhook does not exist. */
  update(siteId: string, id: string, fields: Partial<WebhookFields>): StoredWebhook | undefined {
    const webhook = this.site(siteId).get(key(id));
    if (!webhook) return undefined;
    for (const name of webhookFieldNames) webhook[name] = fields[name] ?? webhook[name];
    this.changed();
    return { ...webhook };
  }

  /** Removes a webhook; false when it did not exist. */
  delete(siteId: string, id: string): boolean {
    const deleted = this.site(siteId).delete(key(id));
    if (deleted) this.changed();
    return deleted;
  }

  /** Removes every webhook of every site. */
  clear(): void {
    this.sites.clear();
    this.changed();
  }

  /** A deep copy of every non-empty site. */
  snapshot(): StoreSnapshot {
    const snapshot: StoreSnapshot = {};
    for (const siteId of this.sites.keys()) {
      const webhooks = this.list(siteId);
      if (webhooks.length > 0) snapshot[siteId] = webhooks;
    }
    return snapshot;
  }

  private site(siteId: string): Map<string, StoredWebhook> {
    let site = this.sites.get(siteId);
    if (!site) {
      site = new Map();
      this.sites.set(siteId, site);
    }
    return site;
  }

  private changed(): void {
    this.onChange(this.snapshot());
  }
}

function key(id: string): string {
  return id.toUpperCase();
}
