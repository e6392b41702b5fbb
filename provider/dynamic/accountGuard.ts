import * as pulumi from "@pulumi/pulumi";
import type { AllowEntry, UnexpectedWebhook } from "../core/guard/allowedWebhooks";
import * as processGuard from "./processGuard";
import type { ConnectionInputs } from "./webhook";

/** The arguments of a {@link Comm100AccountGuard}. */
export interface Comm100AccountGuardArgs {
  /**
   * The ids of the webhooks this stack declares, usually their resources' `id` outputs. A
   * webhook a resource of the same run holds is never unexpected, listed here or not.
   */
  webhookIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Webhooks other stacks or people manage: `{ targetHost: "hooks.example.com" }` or
   * `{ targetHost: "*.example.com", event: "chatEnds" }` (any host below example.com).
   */
  allow?: pulumi.Input<pulumi.Input<AllowEntry>[]>;
  /**
   * Delete every unexpected webhook at `up` instead of failing. Default `false`: a webhook that
   * someone else made never vanishes because this stack was deployed.
   */
  removeUnexpected?: pulumi.Input<boolean>;
  /** Connection settings of the account; stored as a secret. Default as for a webhook. */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * Declares which webhooks a Comm100 account may hold: the stack's own (`webhookIds`) and those
 * `allow` leaves to others. Any other webhook is drift: `pulumi preview --refresh` names it
 * (event and target host, never the URL), and `pulumi up` fails naming it and the fixes, unless
 * `removeUnexpected` is set, in which case it is deleted. It looks at the account once per run.
 *
 * ```ts
 * new Comm100AccountGuard("account", {
 *   webhookIds: [onChatStart.id, onChatEnd.id],
 *   allow: [{ targetHost: "*.analytics.example.com" }],
 * });
 * ```
 */
export class Comm100AccountGuard extends pulumi.dynamic.Resource {
  /** The webhooks the account held besides the expected ones, when the guard last looked. */
  declare readonly unexpected: pulumi.Output<UnexpectedWebhook[]>;

  constructor(name: string, args: Comm100AccountGuardArgs, opts?: pulumi.CustomResourceOptions) {
    const { connection, ...rest } = args ?? {};
    super(
      guardProvider,
      name,
      {
        ...rest,
        unexpected: undefined,
        connection: connection === undefined ? undefined : pulumi.secret(connection),
      },
      {
        ...opts,
        additionalSecretOutputs: [
          "connection",
          "account",
          ...(opts?.additionalSecretOutputs ?? []),
        ],
      },
      "comm100",
      "AccountGuard",
    );
  }
}

/** Each hook delegates to `./processGuard`: the serialized provider captures no credential. */
const guardProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => processGuard.configure(request),
  check: (olds, news) => processGuard.check(olds, news),
  diff: (id, olds, news) => processGuard.diff(id, olds, news),
  create: (inputs) => processGuard.create(inputs),
  read: (id, props) => processGuard.read(id, props),
  update: (id, olds, news) => processGuard.update(id, olds, news),
  delete: () => processGuard.delete(),
};
