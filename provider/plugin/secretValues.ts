/**
 * Secret values on the wire between the engine and a provider: the engine sends a secret input
 * or config value as `{ [secretSignatureKey]: secretSignature, value }`, and keeps an output
 * secret when the provider returns it the same way (the provider accepts secrets).
 */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/** `value` marked secret for the engine. */
export function secret(value: unknown): unknown {
  return { [signatureKey]: secretSignature, value };
}

/** `value` with every secret wrapper, at any depth, replaced by the value it wraps. */
export function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature) return revealed(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, revealed(item)]));
}

/** `record` with the properties named in `names` marked secret, when present. */
export function withSecrets<T extends object>(record: T, names: readonly string[]): T {
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, names.includes(key) ? secret(item) : item]),
  ) as T;
}
