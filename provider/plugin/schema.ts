import { repository, version } from "../../package.json";
import { settings, type SettingName } from "../core/settings/settings";
import { webhookEvents } from "../core/webhook/events";
import { webhookArguments, type WebhookArgumentName } from "../core/webhook/webhookArguments";

/** The repository's GitHub path (`owner/name`), from package.json: the one place naming it. */
const githubPath = new URL(repository.url.replace(/\.git$/, "")).pathname.slice(1);
const homepage = `https://github.com/${githubPath}`;

/**
 * Where the engine downloads the plugin when a program needs it: the repository's GitHub
 * releases, asset `pulumi-resource-comm100-v<version>-<os>-<arch>.tar.gz` of tag `v<version>`.
 */
export const pluginDownloadURL = `github://api.github.com/${githubPath}`;

/** The package's tokens, as programs in every language name them. */
export const tokens = {
  webhook: "comm100:index:Webhook",
  accountGuard: "comm100:index:AccountGuard",
  webhookSubscription: "comm100:index:WebhookSubscription",
  getWebhook: "comm100:index:getWebhook",
  getWebhooks: "comm100:index:getWebhooks",
} as const;

/** The outputs of a webhook that are always secret: the settings that reached its account. */
export const secretOutputNames = ["account"] as const;

const eventType = "comm100:index:WebhookEvent";
const webhookInfoType = "comm100:index:WebhookInfo";

/** A webhook's fields as Comm100 reports them (a lookup's result). */
const reportedWebhook = {
  id: { type: "string", description: "The webhook's id (a GUID)." },
  event: { type: "string", description: "The event that triggers it." },
  targetUrl: { type: "string", description: "Where Comm100 sends the event." },
};
const allowEntryType = "comm100:index:AllowEntry";
const unexpectedWebhookType = "comm100:index:UnexpectedWebhook";

const guardInputs = {
  webhookIds: {
    type: "array",
    items: { type: "string" },
    description:
      "The ids of the webhooks this stack declares, usually their resources' `id` outputs. A webhook a resource of the same run holds is never unexpected, listed here or not.",
  },
  allow: {
    type: "array",
    items: { $ref: `#/types/${allowEntryType}` },
    description: "Webhooks other stacks or people manage, by target host and optionally event.",
  },
  removeUnexpected: {
    type: "boolean",
    description:
      "Delete every unexpected webhook at `up` instead of failing. Default `false`: a webhook someone else made never vanishes because this stack was deployed.",
  },
};

/** The input properties of `comm100:index:AccountGuard`. */
export const accountGuardInputNames = Object.keys(guardInputs);

const event = { $ref: `#/types/${eventType}`, description: webhookArguments.event.description };
/** As reported: Comm100 may have events newer than this package. */
const reportedEvent = { type: "string", description: "The event that triggers the webhook." };
const targetUrl = { type: "string", description: webhookArguments.targetUrl.description };
const adoptId = {
  type: "string",
  description: `${webhookArguments.adoptId.description} \`pulumi import\` does the same from the command line.`,
};
const webhookInputs = { event, targetUrl, adoptId };

/** The arguments a webhook resource requires, from the arguments table. */
function requiredWebhookInputs() {
  return (Object.keys(webhookInputs) as WebhookArgumentName[]).filter(
    (name) => webhookArguments[name].required,
  );
}

/** What a program gives a webhook subscription. */
const subscriptionInputs = {
  targetUrl: {
    type: "string",
    description:
      "The absolute http(s) URL Comm100 POSTs every subscribed event to. Changing it updates each webhook in place.",
  },
  events: {
    type: "array",
    items: { $ref: `#/types/${eventType}` },
    description:
      'The events to subscribe to, each once, e.g. `["chatStarts", "chatEnds"]`: one webhook per event, named `<name>-<event>`. Adding an event creates only its webhook; removing one deletes only its webhook.',
  },
  adoptIds: {
    type: "object",
    additionalProperties: { type: "string" },
    description:
      "Existing webhooks to bring under management, by event: the id each event's webhook adopts instead of creating one (its `adoptId`). Keyed by subscribed events only.",
  },
  webhookAliases: {
    type: "object",
    additionalProperties: { type: "array", items: { type: "string" } },
    description:
      'Old URNs of the webhooks, by event: a `comm100:index:Webhook` moved into this subscription keeps its webhook (no create, no delete) when its old URN is listed here, e.g. `{ chatStarts: ["urn:pulumi:dev::app::comm100:index:Webhook::hook"] }`. Keyed by subscribed events only.',
  },
};

/** The provider's settings: every `comm100:*` key of the settings table. */
function configVariables() {
  const names = (Object.keys(settings) as SettingName[]).filter(
    (name) => settings[name].config !== undefined,
  );
  return Object.fromEntries(
    names.map((name) => {
      const setting = settings[name];
      const type =
        setting.kind === "wholeNumber"
          ? "integer"
          : setting.kind === "boolean"
            ? "boolean"
            : "string";
      const shownDefault =
        setting.defaultValue === undefined ? "" : ` Default: ${String(setting.defaultValue)}.`;
      return [
        name,
        {
          type,
          description: `${setting.meaning} Environment variable: \`${setting.env}\`.${shownDefault}`,
          ...(setting.secret ? { secret: true } : {}),
        },
      ];
    }),
  );
}

/**
 * The package schema of `pulumi-resource-comm100`: the one source of the generated SDKs and
 * their API docs. `npm run build:plugin` writes it to `provider/plugin/schema.json`.
 */
export function packageSchema() {
  const variables = configVariables();
  return {
    name: "comm100",
    displayName: "Comm100",
    version,
    description: "Manage Comm100 Live Chat webhooks (REST API v4) as code.",
    keywords: ["pulumi", "comm100", "webhook", "live-chat", "category/utility", "kind/native"],
    homepage,
    repository: homepage,
    pluginDownloadURL,
    publisher: "pulumi-comm100 contributors",
    license: "MIT",
    config: { variables },
    provider: {
      description:
        "The Comm100 provider: which account to reach (base URL and an access token, or an agent's email, API key and site id) and how the client behaves. Several accounts: one explicit provider instance each.",
      inputProperties: variables,
    },
    types: {
      [eventType]: {
        type: "string",
        description: "An event a Comm100 webhook can subscribe to.",
        enum: webhookEvents.map((name) => ({ name, value: name })),
      },
      [allowEntryType]: {
        type: "object",
        description: "Webhooks an account guard leaves to others.",
        properties: {
          targetHost: {
            type: "string",
            description:
              "A host (`hooks.example.com`), or `*.` and a host (`*.example.com`: any subdomain of example.com, not example.com itself).",
          },
          event: {
            $ref: `#/types/${eventType}`,
            description: "Only this event; default every event.",
          },
        },
        required: ["targetHost"],
      },
      [unexpectedWebhookType]: {
        type: "object",
        description: "A webhook the account guard did not expect (its URL is never shown).",
        properties: {
          id: { type: "string", description: "The webhook's id." },
          event: { type: "string", description: "Its event." },
          targetHost: { type: "string", description: "The host it sends to." },
        },
        required: ["id", "event", "targetHost"],
      },
      [webhookInfoType]: {
        type: "object",
        description: "A webhook as Comm100 reports it.",
        properties: reportedWebhook,
        required: ["id", "event", "targetUrl"],
      },
    },
    resources: {
      [tokens.webhook]: {
        description:
          "A Comm100 Live Chat webhook: Comm100 POSTs `event` to `targetUrl`. Creates never make a second webhook with the same event and target URL; an existing one is reported with how to adopt it.",
        inputProperties: webhookInputs,
        requiredInputs: requiredWebhookInputs(),
        properties: {
          event: reportedEvent,
          targetUrl,
          adoptId,
          account: {
            type: "object",
            additionalProperties: { type: "string" },
            secret: true,
            description:
              "The settings that reached the webhook's account when it was made or last read: where refresh and destroy find it. Secret.",
          },
        },
        required: ["event", "targetUrl", "account"],
        listInputs: {
          description:
            "`pulumi do comm100:Webhook list`: every webhook of the configured account (one API call), named after its event and target host as `discover` names it.",
          properties: {
            event: { $ref: `#/types/${eventType}`, description: "Only webhooks of this event." },
          },
        },
      },
      [tokens.accountGuard]: {
        description:
          "Declares which webhooks a Comm100 account may hold: the stack's own (`webhookIds`) and those `allow` leaves to others. Any other webhook is drift: `pulumi preview --refresh` names it (event and target host, never its URL), `pulumi up` fails naming it and the fixes, unless `removeUnexpected` is set, in which case it is deleted. It looks at the account once per run.",
        inputProperties: guardInputs,
        requiredInputs: ["webhookIds"],
        properties: {
          ...guardInputs,
          unexpected: {
            type: "array",
            items: { $ref: `#/types/${unexpectedWebhookType}` },
            description:
              "The webhooks the account held besides the expected ones, when last looked at.",
          },
          account: {
            type: "object",
            additionalProperties: { type: "string" },
            secret: true,
            description: "The settings that reached the account. Secret.",
          },
        },
        required: ["webhookIds", "unexpected", "account"],
      },
      [tokens.webhookSubscription]: {
        isComponent: true,
        description:
          "One endpoint subscribed to several events: one `comm100:index:Webhook` per event, named `<name>-<event>`, made with the provider this component is given.",
        inputProperties: subscriptionInputs,
        requiredInputs: ["targetUrl", "events"],
        properties: {
          webhookIds: {
            type: "object",
            additionalProperties: { type: "string" },
            description: "The webhook id of each subscribed event, keyed by event.",
          },
        },
        required: ["webhookIds"],
      },
    },
    functions: {
      [tokens.getWebhook]: {
        description: "One webhook by id; fails when the account has no webhook with that id.",
        inputs: {
          properties: { id: { type: "string", description: "The webhook's id (a GUID)." } },
          required: ["id"],
        },
        outputs: {
          properties: reportedWebhook,
          required: ["id", "event", "targetUrl"],
        },
      },
      [tokens.getWebhooks]: {
        description: "The webhooks of the account (one API call), optionally filtered.",
        inputs: {
          properties: {
            event: { $ref: `#/types/${eventType}`, description: "Only webhooks of this event." },
            targetUrl: { type: "string", description: "Only webhooks that POST to this URL." },
          },
        },
        outputs: {
          properties: {
            webhooks: {
              type: "array",
              items: { $ref: `#/types/${webhookInfoType}` },
              description: "The webhooks that match, as Comm100 reports them.",
            },
          },
          required: ["webhooks"],
        },
      },
    },
    language: {
      nodejs: {
        packageName: `@${githubPath.split("/")[0]}/pulumi-comm100-sdk`,
        respectSchemaVersion: true,
      },
      python: { packageName: "pulumi_comm100", respectSchemaVersion: true },
      go: {
        importBasePath: `github.com/${githubPath}/sdk/go/comm100`,
        respectSchemaVersion: true,
      },
    },
  };
}
