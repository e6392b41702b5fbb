/**
 * `npm run test:live:emulator`: the live suite against the emulator run as a separate process
 * and reached only through its public API, as if it were a remote Comm100 account. Starts
 * `scripts/emulator.ts` on a free port with a token of its own, runs `npm run test:live` at it,
 * then lists the account through the API: anything left behind fails the run, and so does a
 * suite that made no webhook (one skipped, say), as the emulator's request log tells.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import * as path from "node:path";
import axios from "axios";
import { repoRoot } from "../pulumiProject/paths";

const say = (line: string) => console.log(`[live:emulator] ${line}`);

async function main(): Promise<number> {
  const token = randomUUID();
  const emulator = spawn(
    path.join(repoRoot, "node_modules", ".bin", "tsx"),
    ["scripts/emulator.ts", "--port", "0", "--token", token],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] },
  );
  let creates = 0;
  let calls = 0;
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      emulator.once("exit", (code) => reject(new Error(`the emulator exited (${code})`)));
      createInterface({ input: emulator.stdout! }).on("line", (line) => {
        const match = /API base URL:\s+(\S+)/.exec(line);
        if (match) resolve(match[1]);
        if (/^\[emulator\] \w+ \/v4\//.test(line)) calls++;
        if (/^\[emulator\] POST \/v4\/livechat\/webhooks -> 201/.test(line)) creates++;
      });
    });
    say(`emulator at ${baseUrl} (a separate process; the suite sees only its API)`);
    const code = await new Promise<number>((resolve) =>
      spawn("npm", ["run", "--silent", "test:live"], {
        cwd: repoRoot,
        stdio: "inherit",
        env: { ...process.env, COMM100_LIVE_BASE_URL: baseUrl, COMM100_LIVE_ACCESS_TOKEN: token },
      }).on("exit", (exit) => resolve(exit ?? 1)),
    );
    const { data } = await axios.get<{ id: string }[]>(`${baseUrl}/livechat/webhooks`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (data.length > 0) {
      say(`the suite left ${data.length} webhook(s) behind: ${data.map((w) => w.id).join(", ")}`);
      return 1;
    }
    if (creates === 0) {
      say("the suite made no webhook: it did not run against the emulator");
      return 1;
    }
    say(
      `${calls} API calls, ${creates} webhooks made, the account empty after the suite; ` +
        `the suite exited ${code}`,
    );
    return code;
  } finally {
    const exited = new Promise((resolve) => emulator.once("exit", resolve));
    emulator.kill("SIGTERM");
    await exited;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[live:emulator] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
