import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { FileLedger, MemoryLedger, type CallLedger } from "../../provider/core/api/callLedger";
import { Comm100Client } from "../../provider/core/api/client";
import { delete as deleteWebhook, read, update } from "../../provider/dynamic/processLifecycle";
import { defaultToken, type FaultKind } from "../../emulator";
import { route, siteId } from "../support/emulatorTestBed";
import {
  chatEnds,
  chatStarts,
  configureProvider,
  createWebhook,
  type ProviderTestBed,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

/** The status the client sees for each fault a retry heals (null: the connection dropped). */
const faultStatus: Record<Exclude<FaultKind, "lateCommit">, number | null> = {
  "500": 500,
  "503": 503,
  "429": 429,
  quota: 403,
  reset: null,
  lostResponse: null,
};

/** A call that may be sent again, how to run it, and what it leaves in Comm100. */
const idempotentCalls = {
  "read (GET)": {
    method: "GET",
    route: route.list,
    success: 200,
    before: {},
    run: async (bed: ProviderTestBed, id: string) => {
      expect(await read(id, chatStarts)).toEqual({
        id,
        props: bed.stateOf(chatStarts),
        inputs: chatStarts,
      });
      expect(bed.remote()).toEqual([{ id, ...chatStarts }]);
    },
  },
  "update (PUT)": {
    method: "PUT",
    route: route.update,
    success: 200,
    // The update first makes sure that no other webhook has the new values.
    before: { [route.list]: 1 },
    run: async (bed: ProviderTestBed, id: string) => {
      expect((await update(id, chatStarts, chatEnds)).outs).toEqual(bed.stateOf(chatEnds));
      expect(bed.remote()).toEqual([{ id, ...chatEnds }]);
    },
  },
  "delete (DELETE)": {
    method: "DELETE",
    route: route.delete,
    success: 204,
    before: {},
    run: async (bed: ProviderTestBed, id: string) => {
      await deleteWebhook(id, chatStarts);
      expect(bed.remote()).toEqual([]);
    },
  },
} as const;

const retriedKinds = Object.keys(faultStatus) as (keyof typeof faultStatus)[];

describe("calls that are safe to repeat", () => {
  const bed = useProviderTestBed();

  describe.each(Object.entries(idempotentCalls))("%s", (_name, call) => {
    it.each(retriedKinds)("succeeds after two %s answers", async (kind) => {
      const { id } = bed.emulator().control.createWebhook(siteId, chatStarts);
      bed.failNext(2, kind, [call.method]);

      await call.run(bed, id);
      expect(bed.calls()).toEqual({ ...call.before, [call.route]: 3 });
      const status = faultStatus[kind];
      const statuses = bed.statuses().slice(Object.keys(call.before).length);
      expect(statuses.slice(0, 2)).toEqual([status, status]);
      // A DELETE whose response was lost did delete: the retry's 404 counts as deleted.
      const lastStatus = kind === "lostResponse" && call.method === "DELETE" ? 404 : call.success;
      expect(statuses[2]).toBe(lastStatus);
    });
  });

  it("gives up after comm100:maxRetries with the last error and a hint", async () => {
    await configureProvider({ "comm100:maxRetries": "2" });
    const { id } = bed.emulator().control.createWebhook(siteId, chatStarts);
    bed.failNext(100, "503", ["GET"]);

    const error = await rejectionOf(read(id, chatStarts));
    expect(error.message).toMatch(
      /^Comm100 API: list webhooks failed: HTTP 503 \(503000: Service unavailable \(injected fault\)\.\); tried 3 times over [\d.]+ m?s\. /,
    );
    expect(error.message).toContain("Comm100 had a server error: run again later");
    expect(bed.calls()).toEqual({ [route.list]: 3 });
  });
});

describe("create, whose POST must never make a duplicate", () => {
  const bed = useProviderTestBed();

  it("a POST whose response is lost leaves exactly one webhook and returns its id", async () => {
    bed.failNext(1, "lostResponse", ["POST"]);

    const created = await createWebhook(chatStarts);
    expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
    expect(created.outs).toEqual(bed.stateOf(chatStarts));
    expect(bed.calls()).toEqual({ [route.list]: 2, [route.create]: 1 });
  });

  it.each(["reset", "500", "503"] as const)(
    "a POST that got %s (not applied) is sent again and leaves exactly one webhook",
    async (kind) => {
      bed.failNext(1, kind, ["POST"]);

      const created = await createWebhook(chatStarts);
      expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
      expect(bed.calls()).toEqual({ [route.list]: 2, [route.create]: 2 });
    },
  );

  it.each(["429", "quota"] as const)(
    "a POST rejected by %s before processing is sent again and leaves exactly one webhook",
    async (kind) => {
      bed.failNext(1, kind, ["POST"]);

      const created = await createWebhook(chatStarts);
      expect(bed.remote()).toEqual([{ id: created.id, ...chatStarts }]);
      expect(bed.calls()).toEqual({ [route.list]: 1, [route.create]: 2 });
    },
  );

  it("a lost response leaves a similar webhook (same event, other URL) alone", async () => {
    const similar = bed.emulator().control.createWebhook(siteId, {
      event: chatStarts.event,
      targetUrl: "https://other.example.com/hook",
    });
    bed.failNext(1, "lostResponse", ["POST"]);

    const created = await createWebhook(chatStarts);
    expect(created.id).not.toBe(similar.id);
    expect(bed.remote()).toEqual([similar, { id: created.id, ...chatStarts }]);
  });

  it.each([
    ["the same spelling", chatStarts.targetUrl],
    ["another spelling of the same URL", "HTTPS://CRM.EXAMPLE.COM/comm100/chat-starts"],
  ])(
    "an identical webhook created outside Pulumi (%s) fails the create with how to adopt it, creating nothing",
    async (_what, targetUrl) => {
      const existing = bed.emulator().control.createWebhook(siteId, { ...chatStarts, targetUrl });

      const error = await rejectionOf(createWebhook(chatStarts));
      expect(error.message).toContain(`(id ${existing.id})`);
      expect(error.message).toContain(`adoptId: "${existing.id}"`);
      expect(error.message).toContain("deliver every event twice");
      expect(error.message).toContain("COMM100_ADOPT_EXISTING=true pulumi up");
      expect(bed.remote()).toEqual([existing]);
      expect(bed.calls()).toEqual({ [route.list]: 1 });
    },
  );

  it("a recovery run with comm100:adoptExisting adopts the identical webhook, once", async () => {
    const existing = bed.emulator().control.createWebhook(siteId, chatStarts);
    await configureProvider({ "comm100:adoptExisting": "true" });

    const adopted = await createWebhook(chatStarts);
    expect(adopted.id).toBe(existing.id);
    expect(bed.remote()).toEqual([existing]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
    const again = await rejectionOf(createWebhook(chatStarts));
    expect(again.message).toContain("and another resource declare the same webhook");
    expect(bed.remote()).toEqual([existing]);
  });

  it("comm100:adoptExisting accepts only true or false", async () => {
    const error = await rejectionOf(configureProvider({ "comm100:adoptExisting": "yes" }));
    expect(error.message).toBe('comm100:adoptExisting must be "true" or "false"; got "yes"');
  });

  it("two resources declaring the same webhook in one run create it once", async () => {
    const outcomes = await Promise.allSettled([
      createWebhook(chatStarts),
      createWebhook(chatStarts),
    ]);

    const created = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const failed = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(created).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain(
      "This Comm100Webhook and another resource declare the same webhook",
    );
    expect(bed.remote()).toHaveLength(1);
    expect(bed.calls()[route.create]).toBe(1);
  });
});

/** Holds the event loop, as a busy process or a slow first connection delays the first calls. */
function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy on purpose
  }
}

describe("the client-side rate limit", () => {
  const budget = { max: 5, windowMs: 1000 };
  const bed = useProviderTestBed({ rateLimit: budget });

  function client(ledger: CallLedger = new MemoryLedger()): Comm100Client {
    return new Comm100Client(
      {
        baseUrl: bed.emulator().baseUrl,
        credentials: { scheme: "bearer", accessToken: defaultToken },
      },
      { rateLimit: budget, retryBaseDelayMs: 1, ledger },
    );
  }

  it("shares the budget with the next process through the ledger file", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ledger-")), "calls.log");
    const firstCommand = client(new FileLedger(file, budget.max));
    await Promise.all(Array.from({ length: 5 }, () => firstCommand.list()));
    const nextCommand = client(new FileLedger(file, budget.max));

    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => nextCommand.list()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // it waited for the first ones
    expect(bed.statuses()).toEqual(Array.from({ length: 10 }, () => 200));
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(10);
  });

  it("spreads 10 calls over the window so that Comm100 never answers 403 or 429", async () => {
    const api = client();

    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => api.list()));
    const elapsed = Date.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(bed.calls()).toEqual({ [route.list]: 10 });
    expect(bed.statuses()).toEqual(Array.from({ length: 10 }, () => 200));
  });

  it("keeps Comm100 from answering 403 or 429 even when the first calls reach it late", async () => {
    const api = client();

    const calls = Promise.all(Array.from({ length: 10 }, () => api.list()));
    setImmediate(() => blockEventLoop(50));
    await calls;

    expect(bed.calls()).toEqual({ [route.list]: 10 });
    expect(bed.statuses()).toEqual(Array.from({ length: 10 }, () => 200));
  });
});
