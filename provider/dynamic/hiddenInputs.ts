/**
 * Inputs a `Comm100Webhook` passes to its provider besides its arguments: the provider's hooks
 * are not told which resource they serve, the program is. Names start with `__`, as the SDK's
 * own `__provider` does; `check` takes them out of the arguments it judges.
 */

/** Which resource of the program declared the same webhook before this one, if any. */
export const declaredBeforeInput = "__declaredBefore";

/** The name of the `Comm100WebhookSubscription` a webhook belongs to, if any. */
export const subscriptionInput = "__subscription";
