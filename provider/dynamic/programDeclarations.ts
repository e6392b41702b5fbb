import * as pulumi from "@pulumi/pulumi";
import { normalizedUrl } from "../core/url/httpUrl";

/** The first resource of this program to declare each webhook, by what makes two the same. */
const firstDeclarers = new Map<string, string>();

/**
 * The resource of this program that declared the same webhook before `name` did (the same
 * event, the same endpoint and the same `connection` argument), once those values are known;
 * `undefined` when there is none, and then `name` is recorded as its first declarer.
 */
export function declaredBefore(
  name: string,
  values: { event: unknown; targetUrl: unknown; connection: unknown },
): pulumi.Output<string | undefined> {
  return pulumi
    .all([values.event, values.targetUrl, values.connection])
    .apply(([event, targetUrl, connection]) => {
      if (typeof event !== "string" || typeof targetUrl !== "string") return undefined;
      const key = JSON.stringify([event, normalizedUrl(targetUrl), connection ?? null]);
      const first = firstDeclarers.get(key);
      if (first === undefined) firstDeclarers.set(key, name);
      return first === undefined || first === name ? undefined : `Comm100Webhook "${first}"`;
    });
}
