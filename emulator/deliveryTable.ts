import { STATUS_CODES } from "node:http";
import type { DeliveryLogEntry } from "./deliveryLog";

const headings = ["WEBHOOK", "EVENT", "BODY EVENT", "TARGET", "RESULT", "MS"] as const;

/** The deliveries as a plain-text table, one row each, e.g. for `npm run trigger`. */
export function formatDeliveryTable(entries: readonly DeliveryLogEntry[]): string {
  const rows = entries.map((entry) => [
    entry.webhookId,
    entry.event,
    entry.payloadEvent,
    entry.targetUrl,
    result(entry),
    String(entry.durationMs),
  ]);
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column].length)),
  );
  const last = headings.length - 1;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === last ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join("  ");
  return [line(headings), ...rows.map(line)].join("\n");
}

/** `200 OK`, `500 Internal Server Error`, or why there is no status. */
function result(entry: DeliveryLogEntry): string {
  if (entry.status === null) return entry.error ?? "no answer";
  return `${entry.status} ${STATUS_CODES[entry.status] ?? ""}`.trimEnd();
}
