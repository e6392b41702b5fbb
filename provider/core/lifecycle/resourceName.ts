/**
 * A resource as the lifecycle knows it: its URN when the door is given one (the provider
 * plugin), else `""` (the dynamic provider's hooks are not told which resource they serve).
 */
export type ResourceName = string;

/** What a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::name`) says of a resource. */
export interface UrnParts {
  /** The type chain: the parents' types, then the resource's own type last. */
  types: string[];
  name: string;
}

/** The parts of `resource`'s URN, or `undefined` when it is not one (an unnamed resource). */
export function parseUrn(resource: ResourceName): UrnParts | undefined {
  const parts = resource.split("::");
  if (!resource.startsWith("urn:pulumi:") || parts.length < 4) return undefined;
  return { types: parts[2].split("$"), name: parts.slice(3).join("::") };
}

/**
 * A resource as a message names it: `comm100:index:Webhook "name"` from its URN, or "another
 * resource" when unnamed.
 */
export function describeResource(resource: ResourceName): string {
  const urn = parseUrn(resource);
  return urn ? `${urn.types[urn.types.length - 1]} "${urn.name}"` : "another resource";
}
