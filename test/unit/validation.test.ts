import { describe, expect, it } from "vitest";
import { webhookEvents } from "../../provider/core/webhook/events";
import {
  closestEvent,
  eventProblem,
  targetUrlProblem,
  webhookIdProblem,
} from "../../provider/core/webhook/validation";

describe("event validation", () => {
  it.each(webhookEvents)("accepts %s", (event) => {
    expect(eventProblem(event)).toBeUndefined();
  });

  it.each([
    ["chatstarts", "chatStarts"],
    ["ChatStarts", "chatStarts"],
    ["chatStart", "chatStarts"],
    ["chat_ends", "chatEnds"],
    ["agentStatusChanged", "agentStatusChanges"],
    ["offlineMessageSubmitted", "offlineMessageIsSubmitted"],
  ])("suggests the closest event for %s", (typo, suggestion) => {
    expect(eventProblem(typo)).toContain(`did you mean "${suggestion}"?`);
    expect(closestEvent(typo)).toBe(suggestion);
  });

  it("lists every event when nothing is close", () => {
    const problem = eventProblem("somethingElseEntirely");
    expect(problem).not.toContain("did you mean");
    for (const event of webhookEvents) expect(problem).toContain(event);
  });

  it.each([
    [undefined, "got nothing"],
    [null, "got null"],
    [42, "got a number"],
    [["chatStarts"], "got an array"],
    ["", "must not be empty"],
    ["   ", "must not be empty"],
  ])("rejects %j", (value, text) => {
    expect(eventProblem(value)).toContain(text);
  });
});

describe("target URL validation", () => {
  it.each(["https://example.com/hook", "http://127.0.0.1:8080/x?y=1", "https://a.b/c%20d"])(
    "accepts %s",
    (url) => expect(targetUrlProblem(url)).toBeUndefined(),
  );

  it.each([
    ["/relative/path", "not an absolute URL"],
    ["example.com/hook", "not an absolute URL"],
    ["ftp://example.com/hook", "only http and https"],
    ["mailto:a@b.c", "only http and https"],
    ["https://example.com/a hook", "contains whitespace"],
    [" https://example.com/hook", "contains whitespace"],
    ["", "must not be empty"],
    [123, "must be a string URL"],
    [`https://example.com/${"a".repeat(3000)}`, "at most 2048"],
    [
      "https://example.com:99999/hook",
      "has the port 99999, out of range: a port is a number from 1 to 65535",
    ],
    ["https://[::1]:65536/hook", "has the port 65536, out of range"],
    ["https://user:pw@example.com:70000/", "has the port 70000, out of range"],
    ["https://example.com:8o8o/hook", 'has the port "8o8o", which is not a number'],
    ["https://example.com:0/hook", "has the port 0: a port is a number from 1 to 65535"],
    ["https://:443/hook", "has no host"],
    [
      "https://exa<mple.com/hook",
      'has a host that is not a valid domain name or IP address ("exa<mple.com")',
    ],
    ["https://[::1/hook", 'not a valid domain name or IP address ("[::1")'],
  ])("rejects %j", (value, text) => {
    expect(targetUrlProblem(value)).toContain(text);
  });

  it.each([
    "ftp://b.example.com/",
    "https://b.example.com:0",
    "https://b.example.com/a b",
    "https://b.example.com:99999/secret",
    "b.example.com/secret",
  ])("describes what is wrong with %j without showing the URL", (url) => {
    const problem = targetUrlProblem(url)!;
    expect(problem).toBeDefined();
    expect(problem).not.toContain(url);
    expect(problem).not.toContain("b.example.com");
  });

  it.each(["https://example.com:65535/hook", "https://[::1]:8443/hook", "https://example.com:/x"])(
    "accepts the port of %s",
    (url) => expect(targetUrlProblem(url)).toBeUndefined(),
  );
});

describe("webhook ids", () => {
  it("accepts GUIDs in either case", () => {
    expect(webhookIdProblem("69FAB2B6-1189-4B96-BD06-1CBDADBC1164")).toBeUndefined();
    expect(webhookIdProblem("69fab2b6-1189-4b96-bd06-1cbdadbc1164")).toBeUndefined();
  });

  it.each(["42", "not-a-guid", "", "69FAB2B6-1189-4B96-BD06"])("rejects %j", (id) => {
    expect(webhookIdProblem(id)).toContain("must be a webhook id, a GUID");
  });
});
