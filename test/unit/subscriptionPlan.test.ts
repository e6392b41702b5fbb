import { describe, expect, it } from "vitest";
import { planSubscription } from "../../provider/core/webhook/subscriptionPlan";

const plan = (events: unknown, keyedByEvent: Record<string, object | undefined> = {}) =>
  planSubscription({
    type: "comm100:index:WebhookSubscription",
    name: "crm",
    events,
    keyedByEvent,
  });

describe("a webhook subscription's plan", () => {
  it("is one webhook per event, named <name>-<event>, in the order listed", () => {
    expect(plan(["chatEnds", "chatStarts"], { adoptIds: { chatStarts: "x" } })).toEqual([
      { event: "chatEnds", name: "crm-chatEnds" },
      { event: "chatStarts", name: "crm-chatStarts" },
    ]);
  });

  it("names the resource as the user wrote its type, the argument and the fix", () => {
    const where = 'comm100:index:WebhookSubscription "crm"';
    expect(() => plan([])).toThrow(`${where}: events must be a non-empty list of events`);
    expect(() => plan("chatStarts")).toThrow(`${where}: events must be a non-empty list`);
    expect(() => plan(["chatStart"])).toThrow(`${where}: events: is not a Comm100 webhook event`);
    expect(() => plan(["chatEnds", "chatEnds"])).toThrow(
      `${where}: events lists "chatEnds" twice: list each event once`,
    );
    expect(() => plan(["chatStarts"], { webhookAliases: { chatEnds: [] } })).toThrow(
      `${where}: webhookAliases names "chatEnds", which is not one of its events (chatStarts): ` +
        "key webhookAliases by the subscribed events",
    );
    expect(() =>
      planSubscription({
        type: "Comm100WebhookSubscription",
        name: "a",
        events: [],
        keyedByEvent: {},
      }),
    ).toThrow('Comm100WebhookSubscription "a": events must be');
  });
});
