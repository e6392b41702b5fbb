import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../core/settings/connection";
import type { WebhookEvent } from "../core/webhook/events";
import { dynamicProvider } from "./dynamicProvider";
import { declaredBeforeInput } from "./hiddenInputs";
import { declaredBefore } from "./programDeclarations";

/** Connection settings whose fields may be Outputs, e.g. `config.requireSecret("token")`. */
export type ConnectionInputs = { [K in keyof ConnectionArgs]?: pulumi.Input<ConnectionArgs[K]> };

/** The arguments of a {@link Comm100Webhook}. */
export interface Comm100WebhookArgs {
  /**
   * The event that triggers the webhook, e.g. `"chatStarts"`. Changing it updates the webhook in
   * place; its id stays.
   */
  event: pulumi.Input<WebhookEvent>;
  /**
   * The absolute http(s) URL Comm100 POSTs the event to; often another resource's output.
   * Changing it updates the webhook in place.
   */
  targetUrl: pulumi.Input<string>;
  /**
   * Connection settings for this webhook only; stored as a secret. Default: stack config
   * `comm100:*`, else the `COMM100_*` environment variables. New credentials for the same
   * account update the state only; settings that name another account (base URL, site, scheme,
   * agent) move the webhook there: it is made in the new account and deleted from the old one.
   */
  connection?: pulumi.Input<ConnectionInputs>;
  /**
   * The id of an existing webhook to bring under management instead of creating one: it is read,
   * then updated to `event` and `targetUrl`, never recreated. Used only when the resource is
   * created; later changes are ignored.
   */
  adoptId?: pulumi.Input<string>;
}

/** What {@link Comm100Webhook.get} may be told besides the id. */
export interface Comm100WebhookLookup {
  /** Connection settings of the account the webhook is in; default as for a webhook. */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * A Comm100 Live Chat webhook: Comm100 POSTs `event` to `targetUrl`.
 *
 * Replacing one (`pulumi up --replace`, or settings that name another account) deletes it before
 * making its successor, since two identical webhooks would deliver every event twice; pass
 * `deleteBeforeReplace: false` to make the successor first (only across accounts).
 *
 * ```ts
 * const hook = new Comm100Webhook("chat-start", { event: "chatStarts", targetUrl: api.url });
 * ```
 */
export class Comm100Webhook extends pulumi.dynamic.Resource {
  /** The event that triggers the webhook. */
  declare readonly event: pulumi.Output<WebhookEvent>;
  /** Where Comm100 sends the event. */
  declare readonly targetUrl: pulumi.Output<string>;

  /**
   * Reads an existing webhook by id, without managing it; fails when the account has no webhook
   * with that id. `state.connection` names another account than the stack's settings.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: Comm100WebhookLookup,
    opts?: pulumi.CustomResourceOptions,
  ) {
    const args = { connection: state?.connection } as Comm100WebhookArgs;
    return new Comm100Webhook(name, args, { ...opts, id });
  }

  constructor(name: string, args: Comm100WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    const { event, targetUrl, connection, ...unexpected } = args ?? {};
    super(
      dynamicProvider,
      name,
      {
        // Passed on so that `check` can name an argument a JavaScript caller misspelled.
        ...unexpected,
        event,
        targetUrl,
        connection: connection === undefined ? undefined : pulumi.secret(connection),
        ...(opts?.id === undefined
          ? { [declaredBeforeInput]: declaredBefore(name, { event, targetUrl, connection }) }
          : {}),
      },
      {
        ...opts,
        deleteBeforeReplace: opts?.deleteBeforeReplace ?? true,
        additionalSecretOutputs: [
          "connection",
          "account",
          ...(opts?.additionalSecretOutputs ?? []),
        ],
      },
      "comm100",
      "Webhook",
    );
  }
}
