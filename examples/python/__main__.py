"""Comm100 webhooks from Python: one per event, all to the same receiver."""
import pulumi
import pulumi_comm100 as comm100

config = pulumi.Config()
receiver_url = config.get("receiverUrl") or "https://hooks.example.com/comm100"

chat_starts = comm100.Webhook(
    "chatStarts",
    event=comm100.WebhookEvent.CHAT_STARTS,
    target_url=f"{receiver_url}/chat-starts",
)
chat_ends = comm100.Webhook(
    "chatEnds",
    event=comm100.WebhookEvent.CHAT_ENDS,
    target_url=f"{receiver_url}/chat-ends",
)

pulumi.export("chatStartsId", chat_starts.id)
pulumi.export("chatEndsId", chat_ends.id)
# One API call, also during preview.
pulumi.export("webhooksBefore", comm100.get_webhooks().webhooks)
