import { setTimeout as delay } from "node:timers/promises";
import type { FastifyInstance, FastifyRequest, HTTPMethods } from "fastify";
import type { WebhookEvent } from "../provider/core/webhook/events";
import type { Account } from "./accounts";
import { authenticate } from "./auth";
import { ApiError, errorCodes, routeNotFound, webhookNotFound } from "./errors";
import { type FaultInjector, faultError } from "./faults";
import type { RateLimiter } from "./rateLimit";
import type { RequestLog, RequestLogEntry } from "./requestLog";
import type { WebhookStore } from "./store";
import { assertWebhookFields, isGuid, webhookBodySchema } from "./validation";

/** What the Comm100 API routes need. */
export interface ApiDependencies {
  accounts: readonly Account[];
  store: WebhookStore;
  log: RequestLog;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  /** Delay added before every API request is processed, in milliseconds. */
  latencyMs: number;
}

/** The Comm100 webhook routes as logged (`"<METHOD> <route>"`, route without `/v4`). */
export const apiRouteKeys = [
  "GET /livechat/webhooks",
  "POST /livechat/webhooks",
  "GET /livechat/webhooks/{id}",
  "PUT /livechat/webhooks/{id}",
  "DELETE /livechat/webhooks/{id}",
] as const;

const collectionPath = "/livechat/webhooks";
const itemPath = "/livechat/webhooks/:id";
const allMethods: HTTPMethods[] = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/** Per-request state; `entry.siteId` is set by authentication and read by the handlers. */
interface RequestState {
  entry: RequestLogEntry;
  lostResponse: boolean;
  /** For a `"lateCommit"` fault: when (epoch ms) the request is applied and answered. */
  commitAt?: number;
}

type WebhookBody = { event: WebhookEvent; targetUrl: string };
type ItemRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * Registers the Comm100 API v4 webhook routes (mount with prefix `/v4`). Every request under the
 * prefix is logged, delayed by `latencyMs`, rate limited and exposed to injected faults, in that
 * order; then the webhook routes authenticate; then the body is validated. A `"lateCommit"`
 * request then waits for its commit time, whether or not the client is still connected. Closing
 * the server abandons every wait: nothing is applied after `close()`.
 */
export function registerApiRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  const states = new WeakMap<FastifyRequest, RequestState>();
  const stateOf = (request: FastifyRequest): RequestState => {
    const state = states.get(request);
    if (!state) throw new Error("API request state missing");
    return state;
  };
  const siteOf = (request: FastifyRequest): string => {
    const { siteId } = stateOf(request).entry;
    if (siteId === undefined) throw new Error("API request not authenticated");
    return siteId;
  };

  const closed = new AbortController();
  app.addHook("onClose", async () => closed.abort());
  const sleep = (ms: number) => delay(ms, undefined, { signal: closed.signal });
  const untilCommit = async ({ commitAt }: RequestState) => {
    if (commitAt !== undefined) await sleep(Math.max(0, commitAt - Date.now()));
  };

  app.addHook("onRequest", async (request, reply) => {
    const arrivedAt = Date.now();
    const entry = deps.log.start(request.method, routeLabel(request.routeOptions.url), request.url);
    const state: RequestState = { entry, lostResponse: false };
    states.set(request, state);
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    try {
      deps.rateLimiter.hit(request.ip);
    } catch (error) {
      entry.rateLimited = true;
      throw error;
    }
    const fault = deps.faults.decide(request.method);
    if (!fault) return;
    entry.fault = fault.kind;
    if (fault.kind === "lateCommit") {
      state.commitAt = arrivedAt + fault.delayMs;
      return;
    }
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    switch (fault.kind) {
      case "slow":
        return;
      case "lostResponse":
        state.lostResponse = true;
        return;
      case "reset":
        reply.hijack();
        request.raw.socket.destroy();
        deps.log.finish(entry, null);
        return reply;
      default:
        throw faultError(fault.kind);
    }
  });

  // The body is read by now, so a late commit survives the client closing the connection.
  app.addHook("preHandler", async (request) => untilCommit(stateOf(request)));

  app.addHook("onSend", async (request, reply, payload) => {
    const state = stateOf(request);
    await untilCommit(state);
    const dropped = state.lostResponse || request.raw.socket.destroyed;
    deps.log.finish(state.entry, dropped ? null : reply.statusCode);
    if (state.lostResponse) request.raw.socket.destroy();
    return payload;
  });

  const authenticated = {
    onRequest: async (request: FastifyRequest) => {
      const { siteId } = request.query as { siteId?: unknown };
      stateOf(request).entry.siteId = authenticate(
        deps.accounts,
        request.headers.authorization,
        siteId,
      );
    },
  };
  const withBody = { ...authenticated, schema: { body: webhookBodySchema } };

  app.get(collectionPath, authenticated, async (request) => deps.store.list(siteOf(request)));

  app.post<{ Body: WebhookBody }>(collectionPath, withBody, async (request, reply) => {
    assertWebhookFields(request.body);
    const { event, targetUrl } = request.body;
    return reply.code(201).send(deps.store.create(siteOf(request), { event, targetUrl }));
  });

  app.get<{ Params: { id: string } }>(itemPath, authenticated, async (request) => {
    return deps.store.get(siteOf(request), knownId(request)) ?? notFound(request);
  });

  app.put<{ Params: { id: string }; Body: WebhookBody }>(itemPath, withBody, async (request) => {
    assertWebhookFields(request.body);
    const { event, targetUrl } = request.body;
    const updated = deps.store.update(siteOf(request), knownId(request), { event, targetUrl });
    return updated ?? notFound(request);
  });

  app.delete<{ Params: { id: string } }>(itemPath, authenticated, async (request, reply) => {
    if (!deps.store.delete(siteOf(request), knownId(request))) notFound(request);
    return reply.code(204).send();
  });

  methodNotAllowed(app, collectionPath, ["GET", "POST"]);
  methodNotAllowed(app, itemPath, ["GET", "PUT", "DELETE"]);

  app.setNotFoundHandler(async (request) => {
    throw routeNotFound(request.method, request.url);
  });
}

/** Registers a 405 answer (with `Allow`) for every method `path` does not support. */
function methodNotAllowed(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  const allow = allowed.join(", ");
  app.route({
    method: allMethods.filter((method) => !allowed.includes(method)),
    url,
    handler: async (request: FastifyRequest) => {
      throw new ApiError(
        405,
        errorCodes.methodNotAllowed,
        `Method ${request.method} is not allowed on ${request.url.split("?")[0]}; allowed: ${allow}.`,
        { Allow: allow },
      );
    },
  });
}

/** The id parameter, or a 404 when it is not a GUID (Comm100 routes only match GUIDs). */
function knownId(request: ItemRequest): string {
  return isGuid(request.params.id) ? request.params.id : notFound(request);
}

function notFound(request: ItemRequest): never {
  throw webhookNotFound(request.params.id);
}

/** `/v4/livechat/webhooks/:id` → `/livechat/webhooks/{id}`; unmatched requests → `(unknown)`. */
function routeLabel(url: string | undefined): string {
  return url === undefined ? "(unknown)" : url.replace(/^\/v4/i, "").replace(/:(\w+)/g, "{$1}");
}
