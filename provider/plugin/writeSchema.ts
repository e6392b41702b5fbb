/** Writes `schema.json` beside this file from `packageSchema()` (run by `npm run build:plugin`). */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { packageSchema } from "./schema";

writeFileSync(path.join(__dirname, "schema.json"), `${JSON.stringify(packageSchema(), null, 2)}\n`);
