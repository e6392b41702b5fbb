import type * as pulumi from "@pulumi/pulumi";
import * as processLifecycle from "./processLifecycle";

/**
 * The dynamic provider of `Comm100Webhook`. Each hook delegates to `./processLifecycle`, so the
 * provider serialized into each resource's state (`__provider`) is a few lines plus a `require`
 * of that module, and it captures no credential: those are read at run time from `configure`,
 * the environment or secret inputs.
 */
export const dynamicProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => processLifecycle.configure(request),
  check: (olds, news) => processLifecycle.check(olds, news),
  diff: (id, olds, news) => processLifecycle.diff(id, olds, news),
  create: (inputs) => processLifecycle.create(inputs),
  read: (id, props) => processLifecycle.read(id, props),
  update: (id, olds, news) => processLifecycle.update(id, olds, news),
  delete: (id, props) => processLifecycle.delete(id, props),
};
