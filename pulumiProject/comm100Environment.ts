/**
 * Removes every `COMM100_*` variable from this process's environment, so that no Comm100 setting
 * leaks from the developer's shell into a stack (its `pulumi` commands inherit `process.env`).
 * Callers give every Comm100 setting themselves. Returns the removed variables, to restore them.
 */
export function clearComm100Environment(): Record<string, string> {
  const removed: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("COMM100_")) continue;
    if (value !== undefined) removed[name] = value;
    delete process.env[name];
  }
  return removed;
}
