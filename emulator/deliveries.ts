import { performance } from "node:perf_hooks";
import { type WebhookEvent, webhookEvents } from "../provider/core/webhook/events";
import { DeliveryLog, type DeliveryLogEntry, type DeliveryLogSummary } from "./deliveryLog";
import { badRequest } from "./errors";
import { type DeliveryOptions, postWebhook } from "./postWebhook";
import { newConversation, samplePayload } from "./samplePayloads";
import type { StoredWebhook, WebhookStore } from "./store";

/** The webhook events of one simulated chat, in the order Comm100 fires them. */
export const chatScenario = [
  "chatIsRequested",
  "chatStarts",
  "chatIsTransferred",
  "chatEnds",
  "chatIsWrappedUp",
] as const satisfies readonly WebhookEvent[];

/** What can be triggered: one webhook event, or `chat` (the whole {@link chatScenario}). */
export const triggerNames = [...webhookEvents, "chat"] as const;
/** One of {@link triggerNames}. */
export type TriggerName = (typeof triggerNames)[number];

/** Most bodies (or conversations) one trigger may fire. */
export const maxTriggerCount = 100;

/** How many times to fire, and at which webhooks. */
export interface TriggerOptions {
  /** How many bodies (for `chat`: conversations), each a new chat and visitor. Default 1. */
  count?: number;
  /** Deliver only to webhooks whose `targetUrl` starts with this. Default: every webhook. */
  targetUrlPrefix?: string;
}

/**
 * Fires sample webhook bodies at a site's subscribed webhooks and logs every delivery. A slow,
 * refusing or failing target costs at most the timeout and never stops the server.
 */
export class Deliveries {
  private readonly log = new DeliveryLog();
  private conversations = 0;

  constructor(
    private readonly store: WebhookStore,
    private readonly options: DeliveryOptions,
  ) {}

  /**
   * Fires `name` `count` times, each time as a new conversation (new chat and visitor ids), and
   * resolves once every delivery has an outcome. Each event goes to every webhook of the site
   * subscribed to it (and matching `targetUrlPrefix`), in parallel; the events of a `chat` go
   * one after the other. Throws a 400 `ApiError` for an unknown name or a count out of range.
   */
  async trigger(
    siteId: string,
    name: string,
    { count = 1, targetUrlPrefix = "" }: TriggerOptions = {},
  ): Promise<DeliveryLogEntry[]> {
    if (!isTriggerName(name)) {
      throw badRequest(`event must be one of: ${triggerNames.join(", ")}.`);
    }
    if (!Number.isInteger(count) || count < 1 || count > maxTriggerCount) {
      throw badRequest(`count must be an integer from 1 to ${maxTriggerCount}.`);
    }
    const entries: DeliveryLogEntry[] = [];
    for (let i = 0; i < count; i += 1) {
      const conversation = newConversation(this.conversations++);
      for (const event of name === "chat" ? chatScenario : [name]) {
        const payload = samplePayload(event, conversation);
        entries.push(...(await this.fire(siteId, event, targetUrlPrefix, payload)));
      }
    }
    return entries;
  }

  /** Every delivery since the last clear. */
  summary(): DeliveryLogSummary {
    return this.log.summary();
  }

  /** Empties the delivery log. */
  clear(): void {
    this.log.clear();
  }

  private fire(siteId: string, event: WebhookEvent, prefix: string, payload: { event: string }) {
    const subscribed = this.store
      .list(siteId)
      .filter((webhook) => webhook.event === event && webhook.targetUrl.startsWith(prefix));
    return Promise.all(subscribed.map((webhook) => this.deliver(siteId, webhook, payload)));
  }

  private async deliver(
    siteId: string,
    webhook: StoredWebhook,
    payload: { event: string },
  ): Promise<DeliveryLogEntry> {
    const at = new Date().toISOString();
    const started = performance.now();
    const outcome = await postWebhook(webhook.targetUrl, payload, this.options);
    const status = "status" in outcome ? outcome.status : null;
    const entry: DeliveryLogEntry = {
      at,
      siteId,
      webhookId: webhook.id,
      event: webhook.event,
      payloadEvent: payload.event,
      targetUrl: webhook.targetUrl,
      status,
      ...("error" in outcome && { error: outcome.error }),
      ok: status !== null && status >= 200 && status < 300,
      durationMs: Math.round(performance.now() - started),
    };
    this.log.add(entry);
    return entry;
  }
}

function isTriggerName(name: string): name is TriggerName {
  return (triggerNames as readonly string[]).includes(name);
}
