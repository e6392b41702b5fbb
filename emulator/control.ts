import type { FastifyInstance } from "fastify";
import type { Account } from "./accounts";
import type { Deliveries, TriggerOptions } from "./deliveries";
import type { DeliveryLogEntry, DeliveryLogSummary } from "./deliveryLog";
import { ApiError, errorCodes, unsupportedMediaType, webhookNotFound } from "./errors";
import { type FaultConfig, type FaultInjector, faultKinds } from "./faults";
import type { RateLimiter } from "./rateLimit";
import type { RequestLog, RequestLogSummary } from "./requestLog";
import type { StoredWebhook, WebhookFields, WebhookStore } from "./store";

/** What the control interface acts on. */
export interface ControlDependencies {
  accounts: readonly Account[];
  store: WebhookStore;
  log: RequestLog;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  deliveries: Deliveries;
}

/**
 * Test-only levers on the emulator, used in process or over HTTP under `/__control`: change
 * webhooks behind the API's back (drift), read the request log, inject faults, fire sample
 * webhook deliveries and read their log, reset.
 * Methods throw an {@link ApiError} (404 unknown site or webhook, 409 duplicate id).
 */
export class EmulatorControl {
  constructor(private readonly deps: ControlDependencies) {}

  /** The site's webhooks, oldest first. */
  webhooks(siteId: string): StoredWebhook[] {
    return this.deps.store.list(this.site(siteId));
  }

  /** Creates a webhook without validation; `id` defaults to a new upper-case GUID. */
  createWebhook(siteId: string, fields: WebhookFields, id?: string): StoredWebhook {
    const site = this.site(siteId);
    if (id !== undefined && this.deps.store.get(site, id)) {
      throw new ApiError(409, errorCodes.conflict, `Webhook '${id}' already exists.`);
    }
    return this.deps.store.create(site, fields, id);
  }

  /** Changes the given fields without validation. */
  updateWebhook(siteId: string, id: string, fields: Partial<WebhookFields>): StoredWebhook {
    const updated = this.deps.store.update(this.site(siteId), id, fields);
    if (!updated) throw webhookNotFound(id);
    return updated;
  }

  /** Deletes a webhook. */
  deleteWebhook(siteId: string, id: string): void {
    if (!this.deps.store.delete(this.site(siteId), id)) throw webhookNotFound(id);
  }

  /** Every API request since the last clear. */
  requests(): RequestLogSummary {
    return this.deps.log.summary();
  }

  /** Empties the request log. */
  clearRequests(): void {
    this.deps.log.clear();
  }

  /** Starts injecting faults; returns the configuration with the seed in use. */
  setFaults(config: FaultConfig): FaultConfig & { seed: number } {
    return this.deps.faults.set(config);
  }

  /** Stops injecting faults. */
  clearFaults(): void {
    this.deps.faults.clear();
  }

  /**
   * POSTs a sample body of `event` (a webhook event, or `chat` for a whole conversation) to every
   * webhook of the site subscribed to it; resolves with the deliveries made.
   */
  async trigger(
    siteId: string,
    event: string,
    options?: TriggerOptions,
  ): Promise<DeliveryLogEntry[]> {
    return this.deps.deliveries.trigger(this.site(siteId), event, options);
  }

  /** Every delivery since the last clear. */
  deliveries(): DeliveryLogSummary {
    return this.deps.deliveries.summary();
  }

  /** Empties the delivery log. */
  clearDeliveries(): void {
    this.deps.deliveries.clear();
  }

  /** Deletes every webhook, the request and delivery logs, faults and rate-limit counts. */
  reset(): void {
    this.deps.store.clear();
    this.deps.log.clear();
    this.deps.deliveries.clear();
    this.deps.faults.clear();
    this.deps.rateLimiter.reset();
  }

  private site(siteId: string): string {
    if (this.deps.accounts.some((account) => account.siteId === siteId)) return siteId;
    throw new ApiError(404, errorCodes.notFound, `No account has siteId '${siteId}'.`);
  }
}

type SiteParams = { siteId: string };
type WebhookParams = SiteParams & { id: string };

const createSchema = {
  type: "object",
  required: ["event", "targetUrl"],
  properties: {
    event: { type: "string" },
    targetUrl: { type: "string" },
    id: { type: "string", minLength: 1 },
  },
} as const;

const updateSchema = {
  type: "object",
  properties: { event: { type: "string" }, targetUrl: { type: "string" } },
} as const;

const faultsSchema = {
  type: "object",
  required: ["rate", "kinds"],
  properties: {
    rate: { type: "number", minimum: 0, maximum: 1 },
    kinds: { type: "array", items: { type: "string", enum: [...faultKinds] } },
    seed: { type: "integer" },
    methods: { type: "array", items: { type: "string", minLength: 1 } },
    slowMs: { type: "integer", minimum: 0 },
    lateCommitMs: { type: "integer", minimum: 0 },
    count: { type: "integer", minimum: 1 },
  },
} as const;

/** Registers the control interface over HTTP (mount with prefix `/__control`; no auth). */
export function registerControlRoutes(app: FastifyInstance, control: EmulatorControl): void {
  // Body-less calls (POST /reset) may carry any Content-Type, as HTTP clients often add one.
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else done(unsupportedMediaType(), undefined);
  });
  const webhooks = "/accounts/:siteId/webhooks";
  const webhook = "/accounts/:siteId/webhooks/:id";

  app.get<{ Params: SiteParams }>(webhooks, async (request) =>
    control.webhooks(request.params.siteId),
  );
  app.post<{ Params: SiteParams; Body: WebhookFields & { id?: string } }>(
    webhooks,
    { schema: { body: createSchema } },
    async (request, reply) => {
      const { event, targetUrl, id } = request.body;
      return reply
        .code(201)
        .send(control.createWebhook(request.params.siteId, { event, targetUrl }, id));
    },
  );
  app.put<{ Params: WebhookParams; Body: Partial<WebhookFields> }>(
    webhook,
    { schema: { body: updateSchema } },
    async (request) => {
      const { event, targetUrl } = request.body;
      return control.updateWebhook(request.params.siteId, request.params.id, { event, targetUrl });
    },
  );
  app.delete<{ Params: WebhookParams }>(webhook, async (request, reply) => {
    control.deleteWebhook(request.params.siteId, request.params.id);
    return reply.code(204).send();
  });

  app.get("/requests", async () => control.requests());
  app.delete("/requests", async (_request, reply) => {
    control.clearRequests();
    return reply.code(204).send();
  });
  app.post("/reset", async (_request, reply) => {
    control.reset();
    return reply.code(204).send();
  });
  app.put<{ Body: FaultConfig }>("/faults", { schema: { body: faultsSchema } }, async (request) =>
    control.setFaults(request.body),
  );
  app.delete("/faults", async (_request, reply) => {
    control.clearFaults();
    return reply.code(204).send();
  });
}
