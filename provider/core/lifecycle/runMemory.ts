import { idKey } from "../webhook/webhookFields";

/**
 * What the provider processes of one Pulumi command remember together: which resource keeps
 * which webhook, which webhooks left their account, who last wrote under a write key, and a lock
 * per write key. The engine starts one process per provider (the default one and each explicit
 * provider), so a rule that must hold for the whole run is kept here, not in one process.
 *
 * A holder is the resource's URN, or `""` when the door does not know it (the dynamic provider's
 * hooks are not given the URN): two holders conflict only when both are named and differ.
 */
export interface RunMemory {
  /** Records that `holder` keeps webhook `id`; returns the other named holder that already does. */
  claim(id: string, holder: string): string | undefined;
  /** Who keeps webhook `id` in this run (`""`: a resource the door did not name), if anyone. */
  holderOf(id: string): string | undefined;
  /** Records that webhook `id` was deleted, or is about to leave its account, in this run. */
  markDeletedOrMoved(id: string): void;
  /** Whether webhook `id` was deleted or moved away in this run. */
  wasDeletedOrMoved(id: string): boolean;
  /** Waits until no other process of the run holds `key`, then holds it until `release`. */
  lock(key: string): Promise<{ release(): void }>;
  /** Who last wrote under `key` in this run (a writer as given to `setLastWriter`). */
  lastWriter(key: string): string | undefined;
  /** Records that `writer` wrote under `key`. */
  setLastWriter(key: string, writer: string): void;
  /** Records that `holder` declares the webhook `key` names; returns the other holder that did. */
  declare(key: string, holder: string): string | undefined;
}

/** Whether `claimed` (an existing holder) and `holder` are two named, different resources. */
export function otherHolder(claimed: string | undefined, holder: string): string | undefined {
  return claimed && holder && claimed !== holder ? claimed : undefined;
}

/** The memory of a run served by this process alone (no engine around it, e.g. in tests). */
export class LocalRunMemory implements RunMemory {
  private readonly holders = new Map<string, string>();
  private readonly deletedOrMoved = new Set<string>();
  private readonly writers = new Map<string, string>();
  private readonly declarers = new Map<string, string>();

  claim(id: string, holder: string): string | undefined {
    const claimed = this.holders.get(idKey(id));
    const other = otherHolder(claimed, holder);
    if (!other && !claimed) this.holders.set(idKey(id), holder);
    return other;
  }

  holderOf(id: string): string | undefined {
    return this.holders.get(idKey(id));
  }

  markDeletedOrMoved(id: string): void {
    this.deletedOrMoved.add(idKey(id));
  }

  wasDeletedOrMoved(id: string): boolean {
    return this.deletedOrMoved.has(idKey(id));
  }

  /** Nothing to wait for: `WriteLocks` already orders the writers of this process. */
  async lock(): Promise<{ release(): void }> {
    return { release: () => {} };
  }

  lastWriter(key: string): string | undefined {
    return this.writers.get(key);
  }

  setLastWriter(key: string, writer: string): void {
    this.writers.set(key, writer);
  }

  declare(key: string, holder: string): string | undefined {
    const declared = this.declarers.get(key);
    if (declared === undefined) this.declarers.set(key, holder);
    return otherHolder(declared, holder);
  }
}
