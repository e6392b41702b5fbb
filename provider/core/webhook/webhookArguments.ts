import { eventProblem, targetUrlProblem } from "./validation";

/**
 * Every argument of a webhook resource, once: whether it is required, what it means (the plugin
 * schema reads this text; `Comm100WebhookArgs`' TSDoc and the README are tested against it) and,
 * for the fields sent to Comm100, the rule its values follow (the provider's check and the
 * emulator both apply it).
 */
export const webhookArguments = {
  event: {
    required: true,
    description:
      'The event that triggers the webhook, e.g. `"chatStarts"`. Changing it updates the webhook in place; its id stays.',
    problem: eventProblem,
  },
  targetUrl: {
    required: true,
    description:
      "The absolute http(s) URL Comm100 POSTs the event to; often another resource's output. Changing it updates the webhook in place.",
    problem: targetUrlProblem,
  },
  adoptId: {
    required: false,
    description:
      "The id of an existing webhook to bring under management instead of creating one: it is read, then updated to `event` and `targetUrl`, never recreated. Used only when the resource is created; later changes are ignored.",
  },
} as const;

/** The name of one argument of a webhook resource, e.g. `"targetUrl"`. */
export type WebhookArgumentName = keyof typeof webhookArguments;
