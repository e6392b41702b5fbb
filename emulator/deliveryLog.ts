/** One POST of a sample body to a webhook's `targetUrl`. */
export interface DeliveryLogEntry {
  /** ISO time the delivery started. */
  at: string;
  siteId: string;
  webhookId: string;
  /** The webhook's event as the API spells it, e.g. `chatStarts`. */
  event: string;
  /** The body's `event` value, e.g. `chat_started`. */
  payloadEvent: string;
  targetUrl: string;
  /** The status the target answered; null when it answered nothing (see `error`). */
  status: number | null;
  /** Why no status came back, e.g. `timed out after 5000 ms`, `connection refused`. */
  error?: string;
  /** True when the target answered 2xx. */
  ok: boolean;
  /** From the start of the POST to the end of the answer (or the error), in milliseconds. */
  durationMs: number;
}

/** What `GET /__control/deliveries` returns. */
export interface DeliveryLogSummary {
  /** Deliveries since the last clear (entries keeps only the newest `maxEntries`). */
  total: number;
  /** Oldest first, in the order they finished. */
  entries: DeliveryLogEntry[];
}

const maxEntries = 10_000;

/** Records every delivery the server made. */
export class DeliveryLog {
  private entries: DeliveryLogEntry[] = [];
  private total = 0;

  add(entry: DeliveryLogEntry): void {
    this.total += 1;
    this.entries.push(entry);
    if (this.entries.length > maxEntries) this.entries.shift();
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
    this.total = 0;
  }

  /** A copy of the log. */
  summary(): DeliveryLogSummary {
    return { total: this.total, entries: this.entries.map((entry) => ({ ...entry })) };
  }
}
