/**
 * What the engine sends in place of a value that is not known yet (another resource's output
 * during preview). Such a value is validated later, once known, never as a value.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether `value` is the engine's placeholder for a value not known yet. */
export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}
