import { createHash } from "node:crypto";
import { apiOrigin } from "../settings/accountIdentity";
import type { Connection } from "../settings/connection";
import { writeKey, type WebhookFields } from "../webhook/webhookFields";
import { LocalRunMemory, type RunMemory } from "./runMemory";

/**
 * What the resources of the current run hold, across every provider process of the run (see
 * {@link RunMemory}): an id that a resource of this run created, adopted or kept is never
 * deleted by another resource of the same run (a rename whose new resource adopted the webhook,
 * say, or a second provider's resource declaring it too), and an id that this run deleted or
 * moved is never adopted again by a replacement.
 */
export class RunOwnership {
  constructor(private readonly memory: RunMemory = new LocalRunMemory()) {}

  /**
   * Records that `holder` (a URN, `""` when unknown) keeps webhook `id`; returns the other
   * resource that already keeps it, if one does.
   */
  hold(id: string, holder: string): string | undefined {
    return this.memory.claim(id, holder);
  }

  /** Whether a resource of this run keeps webhook `id`. */
  holds(id: string): boolean {
    return this.memory.holderOf(id) !== undefined;
  }

  /** The resource of this run that keeps webhook `id` (`""`: one the door did not name). */
  holderOf(id: string): string | undefined {
    return this.memory.holderOf(id);
  }

  /** Records that webhook `id` was deleted, or is about to leave its account, in this run. */
  markDeletedOrMoved(id: string): void {
    this.memory.markDeletedOrMoved(id);
  }

  /** Whether webhook `id` was deleted or moved away in this run. */
  wasDeletedOrMoved(id: string): boolean {
    return this.memory.wasDeletedOrMoved(id);
  }

  /**
   * Records that `resource` declares the webhook `fields` in the account `connection` reaches;
   * returns the other resource of the run that already declares it, if one does. Two credential
   * sets for one site are not told apart here (a token does not say its site): the create's own
   * check of the account still catches those.
   */
  declare(connection: Connection, fields: WebhookFields, resource: string): string | undefined {
    const { credentials } = connection;
    const account =
      credentials.scheme === "apiKey"
        ? `site ${credentials.siteId}`
        : createHash("sha256").update(credentials.accessToken).digest("hex");
    return this.memory.declare(writeKey(`${apiOrigin(connection)} ${account}`, fields), resource);
  }
}
