"""Comm100 webhooks from Python: one per event, and a subscription of one endpoint to several."""
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
# One endpoint, several events: a webhook per event (crm-chatIsWrappedUp, crm-chatIsTransferred).
crm = comm100.WebhookSubscription(
    "crm",
    target_url=f"{receiver_url}/crm",
    events=[comm100.WebhookEvent.CHAT_IS_WRAPPED_UP, comm100.WebhookEvent.CHAT_IS_TRANSFERRED],
)

pulumi.export("chatStartsId", chat_starts.id)
pulumi.export("chatEndsId", chat_ends.id)
pulumi.export("crmWebhookIds", crm.webhook_ids)
# One API call, also during preview.
pulumi.export("webhooksBefore", comm100.get_webhooks().webhooks)
