import axios from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { describePayload } from "../../examples/receiver/describe";
import { type RunningReceiver, startReceiver } from "../../examples/receiver/receiver";
import { webhookEvents } from "../../provider/core/webhook/events";
import { newConversation, samplePayload } from "../../emulator/samplePayloads";

let receiver: RunningReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function post(body: unknown, method = "POST") {
  receiver ??= await startReceiver();
  return axios.request({
    url: receiver.url,
    method,
    data: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
    validateStatus: () => true,
  });
}

describe("examples/receiver", () => {
  it("records each Comm100 body it gets (204) and describes it in one line", async () => {
    const conversation = newConversation(0, new Date(Date.UTC(2024, 0, 2, 10, 0)));
    const sent = webhookEvents.map((event) => samplePayload(event, conversation));
    for (const body of sent) expect((await post(body)).status).toBe(204);

    expect(receiver?.received).toEqual(sent);
    const chat = conversation.chatId;
    expect(receiver?.received.map(describePayload)).toEqual([
      'offline_message_submitted: from Jane Doe <jane.doe@example.com>: "Question about pricing"',
      `chat_started: chat ${chat} with Jane Doe <jane.doe@example.com>`,
      `chat_ended: chat ${chat} ended, 6 transcript lines`,
      `chat_wrapped_up: chat ${chat} wrapped up as "Sales" at 2024-01-02T09:58:00.000Z`,
      `login: agent ${conversation.operatorId}`,
      `chat_requested: chat ${chat} requested by Jane Doe`,
      `chat_transferred: chat ${chat} transferred (Sales)`,
    ]);
  });

  it("answers 400 naming the bad field, and records nothing", async () => {
    const response = await post({ event: "chat_started", visitor: { id: "v" } });
    expect(response.status).toBe(400);
    expect(response.data.field).toBe("visitor.chat_id");
    expect(response.data.error).toContain("visitor.chat_id: expected string, received undefined");
    expect(receiver?.received).toEqual([]);
    expect(receiver?.rejected.map((error) => error.path)).toEqual(["visitor.chat_id"]);
  });

  it("accepts only POST (405 with Allow)", async () => {
    const response = await post(undefined, "GET");
    expect([response.status, response.headers.allow]).toEqual([405, "POST"]);
  });
});
