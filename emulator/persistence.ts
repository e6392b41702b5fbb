import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import type { StoreSnapshot } from "./store";

const fileSchema = z.object({
  sites: z.record(
    z.string(),
    z.array(z.object({ id: z.string(), event: z.string(), targetUrl: z.string() })),
  ),
});

/** Reads the webhooks saved in `file`; an absent file means no webhooks yet. */
export function loadSnapshot(file: string): StoreSnapshot {
  if (!existsSync(file)) return {};
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`Emulator data file ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.sites;
}

/**
 * Saves the webhooks atomically: writes a temporary file beside `file`, then renames it over
 * `file`, so a crash never leaves a half-written file.
 */
export function saveSnapshot(file: string, snapshot: StoreSnapshot): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${randomUUID()}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify({ sites: snapshot }, null, 2)}\n`);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
