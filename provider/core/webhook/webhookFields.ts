import type { WebhookEvent } from "./events";
import { isUnknown } from "../engine/unknownValue";
import { normalizedUrl } from "../url/httpUrl";
import { webhookArguments, type WebhookArgumentName } from "./webhookArguments";

/*
 * What a webhook is, and when two are the same. A new field touches: `webhookArguments.ts` (its
 * description and rule), this module (`webhookFieldNames`, the types, `fieldsOf`, `webhookFrom`,
 * and `sameFields` and `writeKey` if it tells webhooks apart), its type in `plugin/schema.ts`,
 * and `Comm100WebhookArgs` in `dynamic/webhook.ts`; tests then name what the README lacks. The
 * emulator follows `webhookFieldNames` and the table's rules.
 */

/** The names of the fields a webhook is created and updated with (all the API takes). */
export const webhookFieldNames = ["event", "targetUrl"] as const satisfies WebhookArgumentName[];

/** The fields a webhook is created or updated with. */
export interface WebhookFields {
  event: WebhookEvent;
  targetUrl: string;
}

/**
 * An event as Comm100 reports it: one of `webhookEvents`, or (when Comm100 has events newer than
 * this package) another name, which is reported as it is.
 */
export type ReportedEvent = WebhookEvent | (string & {});

/** A webhook as the Comm100 API returns it. */
export interface Webhook {
  id: string;
  event: ReportedEvent;
  targetUrl: string;
}

/** The fields of `values` (a webhook, a resource's inputs or state), without anything else. */
export function fieldsOf<T extends Omit<Webhook, "id">>(values: T): Pick<T, keyof WebhookFields> {
  return { event: values.event, targetUrl: values.targetUrl };
}

/** What is wrong with each field of `values`; a value not known yet (preview) passes. */
export function fieldProblems(
  values: Partial<Record<keyof WebhookFields, unknown>>,
): Array<{ field: keyof WebhookFields; problem: string }> {
  return webhookFieldNames.flatMap((field) => {
    const value = values[field];
    const problem = isUnknown(value) ? undefined : webhookArguments[field].problem(value);
    return problem ? [{ field, problem }] : [];
  });
}

/**
 * Whether two webhooks are the same webhook to Comm100's users: the same event to the same
 * endpoint. Two such webhooks in one account deliver every event twice.
 */
export function sameFields(a: Omit<Webhook, "id">, b: Omit<Webhook, "id">): boolean {
  return a.event === b.event && sameTargetUrl(a.targetUrl, b.targetUrl);
}

/** Whether two target URLs address the same endpoint (scheme and host are case-insensitive). */
export function sameTargetUrl(a: string, b: string): boolean {
  return normalizedUrl(a) === normalizedUrl(b);
}

/** A webhook id in the one case used to compare and index ids (Comm100 ids vary in case). */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/** Whether two webhook ids name the same webhook. */
export function sameId(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}

/** The key under which writes that could make `fields` on the API host `origin` are serialized. */
export function writeKey(origin: string, fields: WebhookFields): string {
  return `${origin.toLowerCase()}\n${fields.event}\n${normalizedUrl(fields.targetUrl)}`;
}

/** The webhook in a Comm100 response body, or `undefined` when the body is not one. */
export function webhookFrom(body: unknown): Webhook | undefined {
  const item = body as Partial<Record<keyof Webhook, unknown>> | null;
  if (
    !item ||
    typeof item.id !== "string" ||
    typeof item.event !== "string" ||
    typeof item.targetUrl !== "string"
  ) {
    return undefined;
  }
  return { id: item.id, event: item.event, targetUrl: item.targetUrl };
}
