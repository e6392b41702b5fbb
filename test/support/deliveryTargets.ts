import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** How a test target answers: 204, a given status, never, or by dropping the connection. */
export type TargetBehaviour = "ok" | { status: number } | "hang" | "reset";

/** One request a target received. */
export interface TargetRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON. */
  body: unknown;
}

/** A webhook target on 127.0.0.1 that records what it receives. */
export interface Target {
  url: string;
  requests: TargetRequest[];
  /** Resolves once `count` requests have arrived. */
  received(count?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a target answering as `behaviour`. */
export async function startTarget(behaviour: TargetBehaviour = "ok"): Promise<Target> {
  const requests: TargetRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      if (behaviour === "ok") response.writeHead(204).end();
      else if (behaviour === "reset") request.socket.destroy();
      else if (behaviour !== "hang") response.writeHead(behaviour.status).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/comm100`,
    requests,
    received: (count = 1) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts targets on demand in a test and closes them after it. */
export function useTargets(): (behaviour?: TargetBehaviour) => Promise<Target> {
  const started: Target[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((target) => target.close()));
  });
  return async (behaviour) => {
    const target = await startTarget(behaviour);
    started.push(target);
    return target;
  };
}

/** A loopback URL nobody listens on (the port was just freed). */
export async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/comm100`;
}
