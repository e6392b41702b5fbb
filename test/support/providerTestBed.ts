import { inspect } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, expect } from "vitest";
import { clearComm100Environment } from "../../pulumiProject/comm100Environment";
import type { ConnectionArgs } from "../../provider/core/settings/connection";
import type { WebhookInputs, WebhookOutputs } from "../../provider/core/lifecycle/webhookLifecycle";
import { configure, create } from "../../provider/dynamic/processLifecycle";
import {
  defaultToken,
  type Agent,
  type EmulatorOptions,
  type FaultKind,
  type RunningEmulator,
  type StoredWebhook,
} from "../../emulator";
import { siteId, useEmulator } from "./emulatorTestBed";

/** A webhook as a program declares it. */
export const chatStarts: WebhookInputs = {
  event: "chatStarts",
  targetUrl: "https://crm.example.com/comm100/chat-starts",
};

/** The same endpoint with another event. */
export const chatEnds: WebhookInputs = {
  event: "chatEnds",
  targetUrl: "https://crm.example.com/comm100/chat-ends",
};

/** A stack config bag as `configure` receives it, answering from `values` (full `comm100:*` keys). */
function stackConfig(values: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  const get = (key: string): string | undefined => values[key];
  const require = (key: string): string => {
    const value = values[key];
    if (value === undefined) throw new Error(`missing required configuration ${key}`);
    return value;
  };
  return { config: { get, require } as unknown as pulumi.Config };
}

/**
 * Calls `configure` as the engine does once per process; retries wait ~1 ms, and an unconfirmed
 * create is looked for once before it is sent again (the emulator commits at once or never).
 */
export async function configureProvider(values: Record<string, string> = {}): Promise<void> {
  await configure(
    stackConfig({ "comm100:retryBaseDelayMs": "1", "comm100:createSettleMs": "0", ...values }),
  );
}

/** Connection settings that authenticate with a Bearer token. */
export function bearer(emulator: RunningEmulator, accessToken: string = defaultToken) {
  return { baseUrl: emulator.baseUrl, accessToken } satisfies ConnectionArgs;
}

/** Connection settings that authenticate with an agent's API key (HTTP Basic + siteId). */
export function apiKey(emulator: RunningEmulator, agent: Agent, site: string = siteId) {
  return {
    baseUrl: emulator.baseUrl,
    agentEmail: agent.email,
    apiKey: agent.apiKey,
    siteId: site,
  } satisfies ConnectionArgs;
}

/** The test's emulator plus the levers the provider tests use. */
export interface ProviderTestBed {
  emulator(): RunningEmulator;
  /** Site `site`'s webhooks as the emulator holds them, oldest first. */
  remote(site?: string): StoredWebhook[];
  /** Non-zero API call counts since the last `clearCalls`, keyed `"<METHOD> <route>"`. */
  calls(): Record<string, number>;
  /** Forgets the API calls made so far. */
  clearCalls(): void;
  /** The HTTP statuses the emulator answered, in order (null: connection dropped). */
  statuses(): (number | null)[];
  /** Gives the next `count` API requests (of `methods`, default all) the fault `kind`. */
  failNext(count: number, kind: FaultKind, methods?: string[]): void;
  /**
   * The state a webhook with `inputs` records: the inputs plus the account it lives in (its
   * `connection`, else the environment's Bearer token of site 10000).
   */
  stateOf(inputs: WebhookInputs): WebhookOutputs;
}

/**
 * For each test: a fresh emulator, no provider state from earlier tests, no `COMM100_*`
 * variables but the ones pointing at the emulator (Bearer token of site 10000, 1 ms retry delay),
 * and `configure` called with an empty stack config. Everything is restored afterwards.
 */
export function useProviderTestBed(options: EmulatorOptions = {}): ProviderTestBed {
  let savedEnv: Record<string, string> = {};
  let faultsLeft = 0;

  beforeEach(() => {
    resetProviderState();
    savedEnv = clearComm100Environment();
    faultsLeft = 0;
  });
  afterEach(() => {
    clearComm100Environment();
    Object.assign(process.env, savedEnv);
    resetProviderState();
  });
  // Registered after the hooks above: the emulator starts once the environment is cleared and
  // closes before it is restored.
  const emulator = useEmulator({
    ...options,
    onRequestLogged: (entry) => {
      options.onRequestLogged?.(entry);
      if (entry.fault === undefined || entry.fault === "slow" || faultsLeft === 0) return;
      faultsLeft -= 1;
      if (faultsLeft === 0) emulator().control.clearFaults();
    },
  });
  beforeEach(async () => {
    process.env.COMM100_BASE_URL = emulator().baseUrl;
    process.env.COMM100_ACCESS_TOKEN = defaultToken;
    process.env.COMM100_RETRY_BASE_DELAY_MS = "1";
    await configureProvider();
  });

  return {
    emulator,
    remote: (site = siteId) => emulator().control.webhooks(site),
    calls: () => {
      const { counts } = emulator().control.requests();
      return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
    },
    clearCalls: () => emulator().control.clearRequests(),
    statuses: () =>
      emulator()
        .control.requests()
        .entries.map((entry) => entry.status),
    stateOf: (inputs) => ({ ...inputs, account: inputs.connection ?? bearer(emulator()) }),
    failNext: (count, kind, methods) => {
      faultsLeft = count;
      emulator().control.setFaults({
        rate: 1,
        kinds: [kind],
        seed: 1,
        ...(methods && { methods }),
      });
    },
  };
}

/** A new provider process, as `pulumi refresh` or the next `pulumi up` starts one. */
export async function newProviderProcess(values: Record<string, string> = {}): Promise<void> {
  resetProviderState();
  await configureProvider(values);
}

/** Where `provider/dynamic/processLifecycle.ts` keeps the process's lifecycle on `globalThis`. */
const processLifecycleKey = "__pulumiComm100Lifecycle";

/** Forgets the process-wide provider state, as a new provider process would start. */
function resetProviderState(): void {
  delete (globalThis as Record<string, unknown>)[processLifecycleKey];
}

/** The lifecycle's `create`, with the outputs it always returns typed as present. */
export async function createWebhook(
  inputs: WebhookInputs,
): Promise<{ id: string; outs: WebhookOutputs }> {
  const { id, outs } = await create(inputs);
  if (!outs) throw new Error("create returned no outputs");
  return { id, outs };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** Asserts that no text of `error` (message, stack, every field) contains any of `secrets`. */
export function expectNoSecrets(error: Error, secrets: readonly string[]): void {
  const texts = [error.message, error.stack ?? "", inspect(error, { depth: 10 })];
  for (const secret of secrets) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}
