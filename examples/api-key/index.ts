import { Comm100Webhook } from "pulumi-comm100";

// Authenticates with an agent's API key (HTTP Basic + siteId) instead of an OAuth token.
// The settings come from stack config; the key is stored encrypted:
//   pulumi config set comm100:baseUrl https://api11.comm100.io/v4
//   pulumi config set comm100:agentEmail agent@example.com
//   pulumi config set --secret comm100:apiKey <api key>
//   pulumi config set comm100:siteId 10000
const offlineMessages = new Comm100Webhook("offline-messages", {
  event: "offlineMessageIsSubmitted",
  targetUrl: "https://helpdesk.example.com/comm100/offline-messages",
});

export const webhookId = offlineMessages.id;
