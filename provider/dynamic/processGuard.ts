/**
 * The account guard as the dynamic provider runs it; the serialized `__provider` of every
 * `Comm100AccountGuard` requires this module by its path (`pulumi-comm100/dist/dynamic/
 * processGuard.js`): moving it breaks the stacks that recorded it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type {
  AccountGuardInputs,
  AccountGuardOutputs,
} from "../core/lifecycle/accountGuardLifecycle";
import { argumentsOf, guardLifecycle, warn } from "./processLifecycle";

/** Keeps the `comm100:*` stack config for the rest of the process. */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  guardLifecycle().configure((key) => request.config.get(key));
}

/** Validates the arguments (see `AccountGuardLifecycle.check`). */
export async function check(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<AccountGuardInputs>> {
  const { failures } = guardLifecycle().check(argumentsOf(news));
  return { inputs: news as unknown as AccountGuardInputs, failures };
}

/** Looks at the account for unexpected webhooks (see `AccountGuardLifecycle.diff`). */
export async function diff(
  _id: string,
  olds: AccountGuardOutputs,
  news: AccountGuardInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const { diff: result, warnings } = await guardLifecycle().diff(olds, news);
  warn(warnings);
  return result;
}

/** Fails on unexpected webhooks, or removes them when told to. */
export async function create(
  inputs: AccountGuardInputs,
): Promise<pulumi.dynamic.CreateResult<AccountGuardOutputs>> {
  const { id, outs, warnings } = await guardLifecycle().create(inputs);
  warn(warnings);
  return { id, outs };
}

/** Records what the account holds besides the expected webhooks. */
export async function read(
  id: string,
  props: AccountGuardOutputs,
): Promise<pulumi.dynamic.ReadResult<AccountGuardOutputs>> {
  const { props: state, inputs, warnings } = await guardLifecycle().read(props);
  warn(warnings);
  return { id, props: state, inputs: inputs as AccountGuardOutputs };
}

/** As `create`, after a change of the arguments or of the account. */
export async function update(
  _id: string,
  olds: AccountGuardOutputs,
  news: AccountGuardInputs,
): Promise<pulumi.dynamic.UpdateResult<AccountGuardOutputs>> {
  const { outs, warnings } = await guardLifecycle().update(olds, news);
  warn(warnings);
  return { outs };
}

/** A guard owns no webhook: deleting it deletes nothing. */
async function deleteGuard(): Promise<void> {}
export { deleteGuard as delete };
