import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import type { Account } from "./accounts";
import { registerControlRoutes, EmulatorControl } from "./control";
import { Deliveries } from "./deliveries";
import { registerDeliveryRoutes } from "./deliveryRoutes";
import {
  ApiError,
  errorCodes,
  type ErrorBody,
  routeNotFound,
  unsupportedMediaType,
} from "./errors";
import { FaultInjector } from "./faults";
import type { DeliveryOptions } from "./postWebhook";
import { RateLimiter, type RateLimitOptions } from "./rateLimit";
import { RequestLog, type RequestLogEntry } from "./requestLog";
import { apiRouteKeys, registerApiRoutes } from "./routes";
import type { WebhookStore } from "./store";
import { formatSchemaErrors } from "./validation";

/** How long a client may take to send a whole request before it gets 408. */
const requestTimeoutMs = 30_000;

/** Everything `buildServer` wires together. */
export interface ServerSettings {
  accounts: readonly Account[];
  store: WebhookStore;
  rateLimit: RateLimitOptions;
  latencyMs: number;
  bodyLimitBytes: number;
  deliveries: DeliveryOptions;
  onRequestLogged?: (entry: RequestLogEntry) => void;
}

/** The fastify app serving `/v4` (Comm100 API) and `/__control`, plus its in-process control. */
export function buildServer(settings: ServerSettings): {
  app: FastifyInstance;
  control: EmulatorControl;
} {
  const app = Fastify({
    logger: false,
    bodyLimit: settings.bodyLimitBytes,
    requestTimeout: requestTimeoutMs,
    forceCloseConnections: true,
    exposeHeadRoutes: false,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: false } },
    schemaErrorFormatter: formatSchemaErrors,
    frameworkErrors: answerBadUrl,
    clientErrorHandler: answerClientError,
  });
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler((error, _request, reply) => {
    const apiError = toApiError(error, settings.bodyLimitBytes);
    return reply.code(apiError.statusCode).headers(apiError.headers).send(apiError.toBody());
  });
  app.setNotFoundHandler(async (request) => {
    throw routeNotFound(request.method, request.url);
  });

  const log = new RequestLog(apiRouteKeys, settings.onRequestLogged);
  const rateLimiter = new RateLimiter(settings.rateLimit);
  const faults = new FaultInjector();
  const { accounts, store } = settings;
  const deliveries = new Deliveries(store, settings.deliveries);
  const control = new EmulatorControl({ accounts, store, log, rateLimiter, faults, deliveries });

  app.register(
    async (api) =>
      registerApiRoutes(api, {
        accounts,
        store,
        log,
        rateLimiter,
        faults,
        latencyMs: settings.latencyMs,
      }),
    { prefix: "/v4" },
  );
  app.register(
    async (controlApp) => {
      registerControlRoutes(controlApp, control);
      registerDeliveryRoutes(controlApp, control);
    },
    { prefix: "/__control" },
  );
  return { app, control };
}

/** Maps anything thrown while handling a request to the `{code, message}` answer. */
function toApiError(error: unknown, bodyLimitBytes: number): ApiError {
  if (error instanceof ApiError) return error;
  const { code, statusCode, message } = error as Partial<FastifyError>;
  switch (code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ApiError(400, errorCodes.badRequest, "The request body is not valid JSON.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(
        400,
        errorCodes.badRequest,
        "The request body is empty; send a JSON object.",
      );
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(
        413,
        errorCodes.payloadTooLarge,
        `The request body is larger than ${bodyLimitBytes} bytes.`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return unsupportedMediaType();
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new ApiError(statusCode, statusCode * 1000, message ?? "Bad request.");
  }
  return new ApiError(500, errorCodes.internal, "Internal server error.");
}

/** Answers a request whose URL fastify cannot decode. */
function answerBadUrl(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const error = new ApiError(400, errorCodes.badRequest, "The request URL is malformed.");
  reply.code(error.statusCode).send(error.toBody());
}

const clientErrors: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: "The request headers are too large." },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: "The request took too long to arrive." },
};

/** Answers an HTTP request Node cannot parse (bad request line, huge headers, too slow). */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, message } = clientErrors[error.code ?? ""] ?? {
    status: 400,
    message: "The HTTP request is malformed.",
  };
  const payload = JSON.stringify({ code: status * 1000, message } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
