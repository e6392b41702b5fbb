/**
 * A resource as the lifecycle knows it: its URN when the door is given one (the provider
 * plugin), else `""` (the dynamic provider's hooks are not told which resource they serve).
 */
export type ResourceName = string;

/**
 * A resource as a message names it: `comm100:index:Webhook "name"` from its URN
 * (`urn:pulumi:<stack>::<project>::<parent types$>type::name`), or "another resource" when
 * unnamed.
 */
export function describeResource(resource: ResourceName): string {
  const parts = resource.split("::");
  if (!resource.startsWith("urn:pulumi:") || parts.length < 4) return "another resource";
  const type = parts[2].split("$").pop();
  return `${type} "${parts.slice(3).join("::")}"`;
}
