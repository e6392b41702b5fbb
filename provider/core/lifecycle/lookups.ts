import type { ConnectionArgs } from "../settings/connection";
import type { WebhookEvent } from "../webhook/events";
import { eventProblem, targetUrlProblem, webhookIdProblem } from "../webhook/validation";
import { sameTargetUrl, type Webhook } from "../webhook/webhookFields";
import type { Session } from "./session";

/** Filters of `findWebhooks`; a webhook must match every filter given. */
export interface WebhookFilters {
  /** Only webhooks of this event. */
  event?: WebhookEvent;
  /** Only webhooks that POST to this URL. */
  targetUrl?: string;
  /** Connection settings; default: stack config `comm100:*`, else `COMM100_*` variables. */
  connection?: ConnectionArgs;
}

/** The webhooks of the account that match `filters` (one API call). */
export async function findWebhooks(session: Session, filters: WebhookFilters): Promise<Webhook[]> {
  if (filters.event !== undefined) throwIf("getWebhooks: event", eventProblem(filters.event));
  if (filters.targetUrl !== undefined) {
    throwIf("getWebhooks: targetUrl", targetUrlProblem(filters.targetUrl));
  }
  const webhooks = await clientOf(session, filters.connection).list();
  return webhooks.filter(
    (webhook) =>
      (filters.event === undefined || webhook.event === filters.event) &&
      (filters.targetUrl === undefined || sameTargetUrl(webhook.targetUrl, filters.targetUrl)),
  );
}

/** One webhook by id (one API call); fails when the account has no webhook with that id. */
export async function findWebhook(
  session: Session,
  id: string,
  connection: ConnectionArgs | undefined,
): Promise<Webhook> {
  throwIf("getWebhook: id", webhookIdProblem(id));
  const webhook = await clientOf(session, connection).get(id);
  if (!webhook) throw new Error(`getWebhook: Comm100 has no webhook with id ${id}`);
  return webhook;
}

function clientOf(session: Session, connection: ConnectionArgs | undefined) {
  return session.accountFor(session.requireConnection(connection)).client;
}

function throwIf(field: string, problem: string | undefined): void {
  if (problem) throw new Error(`${field} ${problem}`);
}
