import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { version } from "../../package.json";
import { repoRoot } from "../../pulumiProject/paths";

/** The folder `npm run release` writes. */
export const releaseDir = path.join(repoRoot, "release");

/** The version of the release in {@link releaseDir}; throws, saying how to make it, when missing. */
export function releaseVersion(): string {
  if (!existsSync(path.join(releaseDir, "checksums.txt"))) {
    throw new Error("release/ is missing: run `npm run release` (npm run test:release does)");
  }
  return version;
}

/** The release folder served over HTTP on 127.0.0.1, standing in for the GitHub releases page. */
export interface ReleaseServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The paths requested so far, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves {@link releaseDir} (files only, 404 for anything else) until `close()`. */
export async function serveRelease(): Promise<ReleaseServer> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname.slice(1));
    requested.push(`/${name}`);
    const file = path.join(releaseDir, name);
    if (name.includes("/") || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    // The engine refuses a plugin download without its length ("expected -1 bytes").
    response.writeHead(200, {
      "Content-Type": "application/octet-stream",
      "Content-Length": statSync(file).size,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
