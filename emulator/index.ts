import type { AddressInfo } from "node:net";
import { type Account, defaultAccounts } from "./accounts";
import type { EmulatorControl } from "./control";
import { loadSnapshot, saveSnapshot } from "./persistence";
import { defaultDeliveryOptions, type DeliveryOptions } from "./postWebhook";
import { defaultRateLimit, type RateLimitOptions } from "./rateLimit";
import type { RequestLogEntry } from "./requestLog";
import { buildServer } from "./server";
import { WebhookStore } from "./store";

export {
  cliAccount,
  defaultAccount,
  defaultAccounts,
  defaultAdmin,
  defaultRotatedToken,
  defaultToken,
  defaultViewer,
  secondAccount,
  secondAdmin,
  secondToken,
  mergeAccounts,
  parseAccountsFile,
  type Account,
  type Agent,
} from "./accounts";
export { EmulatorControl } from "./control";
export {
  chatScenario,
  maxTriggerCount,
  triggerNames,
  type TriggerName,
  type TriggerOptions,
} from "./deliveries";
export type { DeliveryLogEntry, DeliveryLogSummary } from "./deliveryLog";
export { formatDeliveryTable } from "./deliveryTable";
export type { DeliveryOptions } from "./postWebhook";
export { ApiError, errorCodes, type ErrorBody } from "./errors";
export { faultKinds, type FaultConfig, type FaultKind } from "./faults";
export type { RateLimitOptions } from "./rateLimit";
export type { RequestLogEntry, RequestLogSummary } from "./requestLog";
export { apiRouteKeys } from "./routes";
export type { StoredWebhook } from "./store";

/** How to run the emulator; every field is optional. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1. Default 0: a free random port, so tests can run in parallel. */
  port?: number;
  /** The sites served. Default {@link defaultAccounts} (sites 10000 and 20000). */
  accounts?: readonly Account[];
  /** JSON file that keeps webhooks across restarts (written atomically). Default: memory only. */
  dataFile?: string;
  /** Per-client rate limit. Default 300 calls / 5 minutes, answered 403 like Comm100. */
  rateLimit?: Partial<RateLimitOptions>;
  /** Delay added to every Comm100 API request, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Largest accepted request body. Default 65536 (64 KiB); larger bodies get 413. */
  bodyLimitBytes?: number;
  /**
   * How `trigger` delivers sample bodies. Default: 5000 ms timeout, to any host. Tests pass
   * `loopbackOnly: true` so that nothing is ever sent off the machine.
   */
  deliveries?: Partial<DeliveryOptions>;
  /** Called once per API request when its outcome is known (entries never hold credentials). */
  onRequestLogged?: (entry: RequestLogEntry) => void;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Comm100 API base URL, e.g. `http://127.0.0.1:12345/v4`. */
  baseUrl: string;
  /** Control interface URL, e.g. `http://127.0.0.1:12345/__control`. */
  controlUrl: string;
  port: number;
  /** The control interface in process (same operations as `/__control`). */
  control: EmulatorControl;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Starts a Comm100-compatible webhook API on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { dataFile } = options;
  const store = dataFile
    ? new WebhookStore(loadSnapshot(dataFile), (snapshot) => saveSnapshot(dataFile, snapshot))
    : new WebhookStore();
  const { app, control } = buildServer({
    accounts: options.accounts ?? defaultAccounts,
    store,
    rateLimit: { ...defaultRateLimit, ...options.rateLimit },
    latencyMs: options.latencyMs ?? 0,
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024,
    deliveries: { ...defaultDeliveryOptions, ...options.deliveries },
    onRequestLogged: options.onRequestLogged,
  });
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v4`,
    controlUrl: `${origin}/__control`,
    port,
    control,
    close: () => app.close(),
  };
}
