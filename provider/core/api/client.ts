// `import x = require()` keeps the module object itself in the compiled code, so the SDK's
// closure serializer captures it as `require("axios")` instead of copying axios by value.
import axios = require("axios");
import axiosRetry = require("axios-retry");
import type { AxiosError, AxiosInstance, AxiosRequestConfig } from "axios";
import type { Connection } from "../settings/connection";
import { authorizationOf } from "../settings/credentials";
import { settings, type Tuning } from "../settings/settings";
import { webhookFrom, type Webhook, type WebhookFields } from "../webhook/webhookFields";
import { Comm100ApiError, type Operation } from "./comm100ApiError";
import { toComm100ApiError } from "./failureMessage";
import { isRejectedBeforeProcessing } from "./retryRule";
import { FileLedger, type CallLedger } from "./callLedger";
import { comm100RateLimit, SlidingWindowLimiter, type RateLimit } from "./rateLimiter";

/**
 * How the client behaves on the wire: the request timeout and retries (defaults in
 * `settings`), the rate limit and where calls are counted.
 */
export interface ClientOptions extends Partial<
  Pick<Tuning, "requestTimeoutMs" | "maxRetries" | "retryBaseDelayMs">
> {
  /** The client-side budget of calls (default Comm100's 300 per 5 minutes). */
  rateLimit?: RateLimit;
  /**
   * Where answered calls are counted (default: `FileLedger.forApi`, a file shared by every
   * process of this OS user that calls the same API host, since Comm100's quota is per client
   * and each Pulumi command is a new process).
   */
  ledger?: CallLedger;
}

const maxRetryDelayMs = 60_000;

/**
 * The Comm100 webhook endpoints over HTTP: authentication, timeouts, retries with backoff for
 * calls that are safe to repeat, a client-side rate limit, and errors a user can act on with
 * every credential masked. A create whose outcome is unknown is not retried here: see
 * `createWithoutDuplicates`.
 */
export class Comm100Client {
  private readonly http: AxiosInstance;
  private readonly secrets: string[];

  constructor(connection: Connection, options: ClientOptions = {}) {
    const {
      requestTimeoutMs = settings.requestTimeoutMs.defaultValue,
      maxRetries = settings.maxRetries.defaultValue,
      retryBaseDelayMs = settings.retryBaseDelayMs.defaultValue,
      rateLimit = comm100RateLimit,
    } = options;
    const ledger = options.ledger ?? FileLedger.forApi(connection.baseUrl, rateLimit.max);
    const limiter = new SlidingWindowLimiter(rateLimit, ledger);
    const auth = authorizationOf(connection);
    this.secrets = auth.secrets;
    this.http = axios.create({
      baseURL: `${connection.baseUrl}/`,
      timeout: requestTimeoutMs,
      params: auth.params,
      headers: { Accept: "application/json", ...auth.headers },
    });
    const answered = new WeakMap<object, () => void>();
    this.http.interceptors.request.use(async (config) => {
      answered.set(config, await limiter.acquire());
      return config;
    });
    this.http.interceptors.response.use(
      (response) => {
        answered.get(response.config)?.();
        return response;
      },
      (error: unknown) => {
        if (axios.isAxiosError(error) && error.config) answered.get(error.config)?.();
        return Promise.reject(error);
      },
    );
    axiosRetry.default(this.http, {
      retries: maxRetries,
      shouldResetTimeout: true,
      retryCondition: (error) => mayRetry(error),
      retryDelay: (retryCount, error) =>
        Math.min(axiosRetry.exponentialDelay(retryCount, error, retryBaseDelayMs), maxRetryDelayMs),
    });
  }

  /** All webhooks of the account. */
  async list(): Promise<Webhook[]> {
    const body = await this.call("list webhooks", { method: "GET", url: "livechat/webhooks" });
    if (!Array.isArray(body)) throw this.unexpected("list webhooks", body);
    return body.map((item) => this.webhookFrom("list webhooks", item));
  }

  /** One webhook, or `undefined` when Comm100 has none with that id. */
  async get(id: string): Promise<Webhook | undefined> {
    return this.orAbsent(async () =>
      this.webhookFrom(
        "read webhook",
        await this.call("read webhook", { method: "GET", url: webhookPath(id) }),
      ),
    );
  }

  /** Sends one POST. A failure whose `outcomeUnknown` is set may still have created it. */
  async create(fields: WebhookFields): Promise<Webhook> {
    const body = await this.call("create webhook", {
      method: "POST",
      url: "livechat/webhooks",
      data: fields,
    });
    return this.webhookFrom("create webhook", body);
  }

  /** Updates a webhook; `undefined` when it no longer exists. */
  async update(id: string, fields: WebhookFields): Promise<Webhook | undefined> {
    return this.orAbsent(async () =>
      this.webhookFrom(
        "update webhook",
        await this.call("update webhook", { method: "PUT", url: webhookPath(id), data: fields }),
      ),
    );
  }

  /** Deletes a webhook; `false` when it was already gone. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.orAbsent(async () => {
      await this.call("delete webhook", { method: "DELETE", url: webhookPath(id) });
      return true;
    });
    return deleted ?? false;
  }

  private async orAbsent<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof Comm100ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async call(operation: Operation, request: AxiosRequestConfig): Promise<unknown> {
    const startedAt = Date.now();
    try {
      const response = await this.http.request(request);
      return response.data;
    } catch (error) {
      if (!axios.isAxiosError(error)) throw error;
      const retries = error.config?.[axiosRetry.namespace]?.retryCount ?? 0;
      throw toComm100ApiError(error, operation, this.secrets, {
        attempts: retries + 1,
        elapsedMs: Date.now() - startedAt,
      });
    }
  }

  private webhookFrom(operation: Operation, body: unknown): Webhook {
    const webhook = webhookFrom(body);
    if (!webhook) throw this.unexpected(operation, body);
    return webhook;
  }

  private unexpected(operation: Operation, body: unknown): Comm100ApiError {
    const shape = Array.isArray(body) ? "an array" : body === null ? "null" : typeof body;
    return new Comm100ApiError(
      `Comm100 API: ${operation} failed: the response was not a webhook${operation === "list webhooks" ? " list" : ""} (got ${shape}): check that ${settings.baseUrl.config} points at the Comm100 API (https://apiNN.comm100.io/v4)`,
      { operation },
    );
  }
}

/**
 * Whether a failed call may be sent again: GET, PUT and DELETE on a network error, a timeout, a
 * 5xx, a 429 or Comm100's quota answer; a POST only when the server surely did not process it.
 */
function mayRetry(error: AxiosError): boolean {
  const status = error.response?.status;
  if (isRejectedBeforeProcessing(status, error.response?.data)) return true;
  const method = (error.config?.method ?? "").toUpperCase();
  if (method === "POST") return false;
  return status === undefined ? error.code !== "ERR_CANCELED" : status >= 500;
}

function webhookPath(id: string): string {
  return `livechat/webhooks/${encodeURIComponent(id)}`;
}
