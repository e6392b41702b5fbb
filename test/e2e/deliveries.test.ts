import axios from "axios";
import { describe, expect, it } from "vitest";
import { startReceiver } from "../../examples/receiver/receiver";
import { webhookEvents } from "../../provider/core/webhook/events";
import { parseWebhookPayload, webhookEventOf } from "../../provider/payloads";
import { startEmulator } from "../../emulator";
import { createComm100Stack, exampleFiles } from "../support/comm100Stack";
import { siteId } from "../support/emulatorTestBed";

describe("examples/receiver: deliveries reach the subscribed receiver", () => {
  it("delivers exactly the subscribed events, and stops delivering an event once removed", async () => {
    const receiver = await startReceiver();
    const emulator = await startEmulator({ deliveries: { loopbackOnly: true } });
    const test = await createComm100Stack("receiver", {
      program: exampleFiles("receiver").program,
      emulator,
      config: {
        "receiver:receiverUrl": receiver.url,
        "receiver:events": "chatIsRequested,chatStarts,chatEnds,agentStatusChanges",
      },
    });
    const triggerEveryEvent = async () => {
      receiver.received.length = 0;
      for (const event of webhookEvents) {
        const response = await axios.post(`${emulator.controlUrl}/accounts/${siteId}/trigger`, {
          event,
        });
        expect(response.data.deliveries.every((delivery: { ok: boolean }) => delivery.ok)).toBe(
          true,
        );
      }
      for (const payload of receiver.received)
        expect(parseWebhookPayload(payload)).toEqual(payload);
      expect(receiver.rejected).toEqual([]);
      return receiver.received.map((payload) => webhookEventOf(payload.event));
    };

    await test.up();
    expect(await triggerEveryEvent()).toEqual([
      "chatStarts",
      "chatEnds",
      "agentStatusChanges",
      "chatIsRequested",
    ]);

    await test.stack.setConfig("receiver:events", {
      value: "chatIsRequested,chatStarts,agentStatusChanges",
    });
    const removed = await test.up();
    expect(removed.resourceChanges).toEqual({ delete: 1, same: 5 });
    expect(await triggerEveryEvent()).toEqual([
      "chatStarts",
      "agentStatusChanges",
      "chatIsRequested",
    ]);

    await test.destroy();
    expect(await triggerEveryEvent()).toEqual([]);
    await Promise.all([emulator.close(), receiver.close()]);
  });
});
