/**
 * Whether creates adopt an identical webhook that already exists instead of refusing: stack
 * config `comm100:adoptExisting`, else `COMM100_ADOPT_EXISTING` ("true" or "false", default
 * false). Meant for one run that recovers from an interrupted `pulumi up`, e.g.
 * `COMM100_ADOPT_EXISTING=true pulumi up`. Throws, naming the setting, on any other value.
 */
export function adoptExistingSetting(
  getConfig: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv,
): boolean {
  const fromConfig = getConfig("comm100:adoptExisting");
  const name = fromConfig !== undefined ? "comm100:adoptExisting" : "COMM100_ADOPT_EXISTING";
  const raw = (fromConfig ?? env.COMM100_ADOPT_EXISTING ?? "false").trim().toLowerCase();
  if (raw === "true") return true;
  if (raw === "false" || raw === "") return false;
  throw new Error(`${name} must be "true" or "false"; got "${raw}"`);
}
