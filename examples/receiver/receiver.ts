import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  parseWebhookPayload,
  type WebhookPayload,
  WebhookPayloadError,
} from "pulumi-comm100/payloads";

/** Where the receiver listens and who hears about each body. */
export interface ReceiverOptions {
  /** TCP port; default 0 (a free one). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Called with each body accepted. */
  onPayload?: (payload: WebhookPayload) => void;
  /** Called with the reason for each body rejected. */
  onRejected?: (error: WebhookPayloadError) => void;
}

/** A running receiver. */
export interface RunningReceiver {
  /** The URL to give Comm100 as the webhooks' `targetUrl`. */
  url: string;
  /** Every body accepted, in arrival order. */
  received: WebhookPayload[];
  /** Why each rejected body was rejected (answered 400). */
  rejected: WebhookPayloadError[];
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

/**
 * Starts an HTTP receiver for Comm100 webhook deliveries: each POST body is checked with
 * `parseWebhookPayload` and recorded (204), or answered 400 naming the bad field. Comm100 signs
 * nothing, so in production put an unguessable segment in the URL you subscribe.
 */
export async function startReceiver(options: ReceiverOptions = {}): Promise<RunningReceiver> {
  const received: WebhookPayload[] = [];
  const rejected: WebhookPayloadError[] = [];
  const server = createServer((request, response) => {
    if (request.method !== "POST") {
      response.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    readBody(request, response, (text) => {
      let payload: WebhookPayload;
      try {
        payload = parseWebhookPayload(text);
      } catch (error) {
        if (!(error instanceof WebhookPayloadError)) throw error;
        rejected.push(error);
        options.onRejected?.(error);
        response.writeHead(400, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ error: error.message, field: error.path }));
        return;
      }
      received.push(payload);
      options.onPayload?.(payload);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/comm100`,
    received,
    rejected,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Collects the request body as UTF-8 text; answers 413 past {@link maxBodyBytes}. */
function readBody(
  request: IncomingMessage,
  response: ServerResponse,
  onBody: (text: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      response.writeHead(413, { Connection: "close" }).end();
      request.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  request.on("end", () => onBody(Buffer.concat(chunks).toString("utf8")));
}
