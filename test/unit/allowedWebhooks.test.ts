import { describe, expect, it } from "vitest";
import { allowEntryProblem, unexpectedWebhooks } from "../../provider/core/guard/allowedWebhooks";

const hook = (id: string, event: string, targetUrl: string) => ({ id, event, targetUrl });
const account = [
  hook("A", "chatStarts", "https://crm.example.com/s3cret/start"),
  hook("B", "chatEnds", "https://team.analytics.example.com/end"),
  hook("C", "chatEnds", "https://analytics.example.com/end"),
  hook("D", "chatStarts", "https://EVIL.example.net/collect"),
  hook("E", "offlineMessageIsSubmitted", "https://help.example.org/x"),
];

describe("what an account guard expects", () => {
  it("reports every webhook neither declared nor allowed, by event and host, never by URL", () => {
    const unexpected = unexpectedWebhooks(account, new Set(["a"]), [
      { targetHost: "*.analytics.example.com" },
      { targetHost: "help.example.org", event: "offlineMessageIsSubmitted" },
    ]);
    expect(unexpected).toEqual([
      { id: "C", event: "chatEnds", targetHost: "analytics.example.com" },
      { id: "D", event: "chatStarts", targetHost: "evil.example.net" },
    ]);
    expect(JSON.stringify(unexpected)).not.toContain("s3cret");
  });

  it("lets an entry with an event allow that event only", () => {
    const allow = [{ targetHost: "crm.example.com", event: "chatEnds" as const }];
    expect(unexpectedWebhooks([account[0]], new Set(), allow).map(({ id }) => id)).toEqual(["A"]);
    expect(
      unexpectedWebhooks([account[0]], new Set(), [{ targetHost: "CRM.example.com" }]),
    ).toEqual([]);
  });

  it.each([
    [{ targetHost: "hooks.example.com" }, undefined],
    [{ targetHost: "*.example.com", event: "chatEnds" }, undefined],
    [{ targetHost: "https://hooks.example.com/x" }, "targetHost must be a host name"],
    [{ targetHost: "hooks.example.com:8443" }, "without scheme, port or path"],
    [{ targetHost: "*example.com" }, "targetHost must be a host name"],
    [{ targetHost: "a.*.example.com" }, "targetHost must be a host name"],
    [{}, "targetHost must be a host name"],
    [{ targetHost: "x.example.com", event: "chatStart" }, "event must be one of"],
    [{ targetHost: "x.example.com", host: "y" }, "has host, which is not a field"],
    ["x.example.com", "must be an object"],
  ])("judges the allow entry %j", (entry, problem) => {
    if (problem === undefined) expect(allowEntryProblem(entry)).toBeUndefined();
    else expect(allowEntryProblem(entry)).toContain(problem);
  });
});
