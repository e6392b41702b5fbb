import { idKey, type Webhook } from "../webhook/webhookFields";
import type { Comm100Client } from "./client";

/** How long one list answer serves later reads of the same run. */
const freshnessMs = 5_000;

/**
 * The webhooks of one account as this process knows them. Concurrent reads share one list call
 * (the engine reads every resource at once on refresh), and a list answer serves reads for a few
 * seconds, kept true by this process's own creates, updates and deletes. Nothing outlives the
 * provider process, so no run ever sees another run's answer.
 */
export class WebhookDirectory {
  private known: Map<string, Webhook> | undefined;
  private listedAt: number;
  /** How many list calls were sent, and the number of the latest sent whose answer is kept. */
  private listsSent: number;
  private keptList: number;
  private inFlight: Promise<Webhook[]> | undefined;
  /** The writes made while each list call was under way, replayed onto its answer. */
  private readonly writesDuringLists: Array<Array<(known: Map<string, Webhook>) => void>>;

  constructor(
    private readonly client: Comm100Client,
    private readonly now: () => number = Date.now,
  ) {
    this.listedAt = 0;
    this.listsSent = 0;
    this.keptList = 0;
    this.writesDuringLists = [];
  }

  /**
   * Every webhook of the account, from one shared list call a few seconds fresh at most; with
   * `fresh`, from a list call sent now (after a write this process could not see, e.g. through
   * other credentials for the same site).
   */
  all(options: { fresh?: boolean } = {}): Promise<Webhook[]> {
    if (!options.fresh) {
      if (this.inFlight) return this.inFlight;
      if (this.known && this.now() - this.listedAt <= freshnessMs) {
        return Promise.resolve([...this.known.values()]);
      }
    }
    const writes: Array<(known: Map<string, Webhook>) => void> = [];
    this.writesDuringLists.push(writes);
    const sent = ++this.listsSent;
    const listing = this.client
      .list()
      .then((webhooks) => {
        const known = new Map(webhooks.map((webhook) => [idKey(webhook.id), webhook]));
        for (const write of writes) write(known);
        // An answer to a list sent before the one already kept is older: it does not replace it.
        if (sent > this.keptList) {
          this.keptList = sent;
          this.known = known;
          this.listedAt = this.now();
        }
        return [...known.values()];
      })
      .finally(() => {
        this.writesDuringLists.splice(this.writesDuringLists.indexOf(writes), 1);
        if (this.inFlight === listing) this.inFlight = undefined;
      });
    this.inFlight = listing;
    return listing;
  }

  /** The webhook with this id, or `undefined` when Comm100 confirms it does not exist. */
  async find(id: string): Promise<Webhook | undefined> {
    const listed = (await this.all()).find((webhook) => idKey(webhook.id) === idKey(id));
    if (listed) return listed;
    const fetched = await this.client.get(id);
    if (fetched) this.remember(fetched);
    return fetched;
  }

  /** Records a webhook this process created, updated or found. */
  remember(webhook: Webhook): void {
    this.write((known) => known.set(idKey(webhook.id), webhook));
  }

  /** Records that a webhook no longer exists. */
  forget(id: string): void {
    this.write((known) => known.delete(idKey(id)));
  }

  private write(change: (known: Map<string, Webhook>) => void): void {
    if (this.known) change(this.known);
    for (const writes of this.writesDuringLists) writes.push(change);
  }
}
