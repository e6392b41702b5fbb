import type { FaultDecision } from "./faults";

/** One request that reached a Comm100 API route. Never holds credentials. */
export interface RequestLogEntry {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  /** Route template without the `/v4` prefix, e.g. `/livechat/webhooks/{id}`; `(unknown)` if none. */
  route: string;
  /** Path and query; every query value except `siteId` is replaced by `[redacted]`. */
  url: string;
  /** Status the client received; null when the connection was dropped without a response. */
  status: number | null;
  /** The authenticated site, once known. */
  siteId?: string;
  /** The injected fault, if any. */
  fault?: FaultDecision["kind"];
  /** True when the client's rate limit rejected the request. */
  rateLimited?: true;
}

/** What `GET /__control/requests` returns. */
export interface RequestLogSummary {
  /** Requests seen since the last clear (entries keeps only the newest `maxEntries`). */
  total: number;
  /** Requests per `"<METHOD> <route>"`; the Comm100 webhook routes are always present. */
  counts: Record<string, number>;
  entries: RequestLogEntry[];
}

const maxEntries = 10_000;

/** Records every API request; `onFinish` sees each entry once its outcome is known. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: Record<string, number> = {};
  private total = 0;

  constructor(
    private readonly knownRoutes: readonly string[],
    private readonly onFinish: (entry: RequestLogEntry) => void = () => undefined,
  ) {
    this.clear();
  }

  /** Starts an entry for a request that just arrived. */
  start(method: string, route: string, rawUrl: string): RequestLogEntry {
    const entry: RequestLogEntry = {
      at: new Date().toISOString(),
      method,
      route,
      url: redactUrl(rawUrl),
      status: null,
    };
    this.total += 1;
    const key = `${method} ${route}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.entries.push(entry);
    if (this.entries.length > maxEntries) this.entries.shift();
    return entry;
  }

  /** Records the status the client got (null: connection dropped). */
  finish(entry: RequestLogEntry, status: number | null): void {
    entry.status = status;
    this.onFinish(entry);
  }

  /** Forgets every entry and count. */
  clear(): void {
    this.entries = [];
    this.total = 0;
    this.counts = Object.fromEntries(this.knownRoutes.map((key) => [key, 0]));
  }

  /** A copy of the log. */
  summary(): RequestLogSummary {
    return {
      total: this.total,
      counts: { ...this.counts },
      entries: this.entries.map((entry) => ({ ...entry })),
    };
  }
}

/** The request path and query with every query value except `siteId` redacted. */
function redactUrl(rawUrl: string): string {
  const url = new URL(rawUrl, "http://emulator.invalid");
  for (const name of new Set(url.searchParams.keys())) {
    if (name !== "siteId") url.searchParams.set(name, "[redacted]");
  }
  return `${url.pathname}${url.search}`;
}
