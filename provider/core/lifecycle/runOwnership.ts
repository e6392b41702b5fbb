import { idKey } from "../webhook/webhookFields";

/**
 * What the resources of the current run hold. One provider process serves every webhook of one
 * Pulumi command, so this is the run's memory of ownership: an id that a resource of this run
 * created, adopted or kept is never deleted by another resource of the same run (a rename whose
 * new resource adopted the webhook, say), and an id that this run deleted or moved is never
 * adopted again by a replacement.
 */
export class RunOwnership {
  private readonly held: Set<string>;
  private readonly replaced: Set<string>;

  constructor() {
    this.held = new Set();
    this.replaced = new Set();
  }

  /** Records that a resource of this run keeps webhook `id`. */
  hold(id: string): void {
    this.held.add(idKey(id));
  }

  /** Whether a resource of this run keeps webhook `id`. */
  holds(id: string): boolean {
    return this.held.has(idKey(id));
  }

  /** Records that webhook `id` was deleted, or is about to leave its account, in this run. */
  markReplaced(id: string): void {
    this.replaced.add(idKey(id));
  }

  /** Whether webhook `id` was deleted or moved away in this run. */
  wasReplaced(id: string): boolean {
    return this.replaced.has(idKey(id));
  }
}
