import { describe, expect, it } from "vitest";
import { getWebhook, getWebhooks } from "../../provider/dynamic/lookups";
import type { WebhookEvent } from "../../provider/core/webhook/events";
import { secondAccount, secondToken } from "../../emulator";
import { missingId, route, siteId } from "../support/emulatorTestBed";
import {
  bearer,
  chatEnds,
  chatStarts,
  rejectionOf,
  useProviderTestBed,
} from "../support/providerTestBed";

const bed = useProviderTestBed();

/** Three webhooks of site 10000 and one of site 20000. */
function seed() {
  const { control } = bed.emulator();
  const starts = control.createWebhook(siteId, chatStarts);
  const ends = control.createWebhook(siteId, chatEnds);
  const startsElsewhere = control.createWebhook(siteId, {
    event: "chatStarts",
    targetUrl: "https://elsewhere.example.com/",
  });
  const otherSite = control.createWebhook(secondAccount.siteId, chatStarts);
  return { starts, ends, startsElsewhere, otherSite };
}

describe("getWebhooks", () => {
  it("lists every webhook of the connection's account with one call", async () => {
    const { starts, ends, startsElsewhere } = seed();

    const all = await getWebhooks({ connection: bearer(bed.emulator()) });
    expect(all).toEqual([starts, ends, startsElsewhere]);
    expect(bed.calls()).toEqual({ [route.list]: 1 });
  });

  it("filters by event", async () => {
    const { starts, startsElsewhere } = seed();

    const found = await getWebhooks({ event: "chatStarts", connection: bearer(bed.emulator()) });
    expect(found).toEqual([starts, startsElsewhere]);
  });

  it("filters by target URL, matching another spelling of the same endpoint", async () => {
    const { startsElsewhere } = seed();

    const found = await getWebhooks({
      targetUrl: "HTTPS://Elsewhere.Example.com",
      connection: bearer(bed.emulator()),
    });
    expect(found).toEqual([startsElsewhere]);
  });

  it("filters by event and target URL together", async () => {
    const { ends } = seed();

    const connection = bearer(bed.emulator());
    expect(await getWebhooks({ ...chatEnds, connection })).toEqual([ends]);
    expect(
      await getWebhooks({ event: "chatEnds", targetUrl: chatStarts.targetUrl, connection }),
    ).toEqual([]);
  });

  it("reads the account the connection argument names", async () => {
    const { otherSite } = seed();

    expect(await getWebhooks({ connection: bearer(bed.emulator(), secondToken) })).toEqual([
      otherSite,
    ]);
  });

  it("falls back to the COMM100_* environment without a connection argument", async () => {
    const { starts } = seed();

    expect(await getWebhooks({ event: "chatStarts", targetUrl: chatStarts.targetUrl })).toEqual([
      starts,
    ]);
  });

  it.each([
    [
      { event: "chatStart" as WebhookEvent },
      'getWebhooks: event is not a Comm100 webhook event: did you mean "chatStarts"?',
    ],
    [{ targetUrl: "crm.example.com/hook" }, "getWebhooks: targetUrl"],
    [{ targetUrl: "" }, "getWebhooks: targetUrl must not be empty"],
  ])("rejects the bad filter %j without any API call", async (filter, text) => {
    const error = await rejectionOf(getWebhooks({ ...filter, connection: bearer(bed.emulator()) }));
    expect(error.message).toContain(text);
    expect(bed.calls()).toEqual({});
  });
});

describe("getWebhook", () => {
  it("reads one webhook by id with one call", async () => {
    const { ends } = seed();

    expect(await getWebhook(ends.id, { connection: bearer(bed.emulator()) })).toEqual(ends);
    expect(bed.calls()).toEqual({ [route.get]: 1 });
  });

  it("finds a webhook by its id in another letter case", async () => {
    const { ends } = seed();

    const found = await getWebhook(ends.id.toLowerCase(), { connection: bearer(bed.emulator()) });
    expect(found).toEqual(ends);
  });

  it("fails clearly when Comm100 has no webhook with the id", async () => {
    seed();

    const error = await rejectionOf(getWebhook(missingId, { connection: bearer(bed.emulator()) }));
    expect(error.message).toBe(`getWebhook: Comm100 has no webhook with id ${missingId}`);
    expect(bed.calls()).toEqual({ [route.get]: 1 });
  });

  it("does not see another account's webhook", async () => {
    const { otherSite } = seed();

    const error = await rejectionOf(
      getWebhook(otherSite.id, { connection: bearer(bed.emulator()) }),
    );
    expect(error.message).toContain("has no webhook");
  });

  it("rejects an id that is not a GUID without any API call", async () => {
    const error = await rejectionOf(
      getWebhook("chat-starts", { connection: bearer(bed.emulator()) }),
    );
    expect(error.message).toContain("getWebhook: id must be a webhook id, a GUID");
    expect(error.message).not.toContain("chat-starts");
    expect(bed.calls()).toEqual({});
  });
});
