/**
 * Writes `schema.json` beside this file from `packageSchema()`, formatted as Prettier formats the
 * committed file (run by `npm run build:plugin` and `npm run gen:sdk`). An argument names another
 * output file (`npm run check:sdk` writes to a temporary folder and compares).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { format, resolveConfig } from "prettier";
import { packageSchema } from "./schema";

async function main(): Promise<void> {
  const committed = path.join(__dirname, "schema.json");
  const target = process.argv[2] ? path.resolve(process.argv[2]) : committed;
  const options = await resolveConfig(committed);
  const json = await format(JSON.stringify(packageSchema(), null, 2), {
    ...options,
    filepath: committed,
  });
  writeFileSync(target, json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
