import axios, { type AxiosInstance } from "axios";
import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, beforeEach } from "vitest";
import {
  type Agent,
  defaultAccount,
  defaultToken,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../../emulator";

/** The site every test works in unless it says otherwise. */
export const siteId = defaultAccount.siteId;

/** The Comm100 routes as the emulator's request log counts them. */
export const route = {
  list: "GET /livechat/webhooks",
  create: "POST /livechat/webhooks",
  get: "GET /livechat/webhooks/{id}",
  update: "PUT /livechat/webhooks/{id}",
  delete: "DELETE /livechat/webhooks/{id}",
} as const;

/** A GUID that no emulator site holds. */
export const missingId = "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9";

/** The seed document's sample webhook. */
export const sampleWebhook = { event: "chatStarts", targetUrl: "http://www.google.com" } as const;

/** Upper-case GUID, the id shape the emulator issues. */
export const upperGuid = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Starts a fresh emulator before each test and closes it after; returns a getter. */
export function useEmulator(options?: EmulatorOptions): () => RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeEach(async () => {
    running = await startEmulator(options);
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return () => {
    if (!running) throw new Error("emulator not started");
    return running;
  };
}

/** An axios client on the API that never throws on a status. */
export function bearerClient(
  emulator: RunningEmulator,
  token: string = defaultToken,
): AxiosInstance {
  return axios.create({
    baseURL: emulator.baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    validateStatus: () => true,
  });
}

/** An axios client authenticating as `agent` with HTTP Basic, adding `?siteId=` unless null. */
export function basicClient(
  emulator: RunningEmulator,
  agent: Agent,
  site: string | null = siteId,
): AxiosInstance {
  return axios.create({
    baseURL: emulator.baseUrl,
    auth: { username: agent.email, password: agent.apiKey },
    params: site === null ? {} : { siteId: site },
    validateStatus: () => true,
  });
}

/** The Basic credential an agent's email and API key encode to. */
export function basicCredential(agent: Agent): string {
  return Buffer.from(`${agent.email}:${agent.apiKey}`).toString("base64");
}

/** An axios client on the control interface. */
export function controlClient(emulator: RunningEmulator): AxiosInstance {
  return axios.create({ baseURL: emulator.controlUrl, validateStatus: () => true });
}

/** A response read without any client-side transformation. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends exactly `body` (no JSON encoding) with exactly `headers`. */
export function sendRaw(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Writes raw bytes on a new TCP connection and parses the HTTP response that comes back. */
export function sendBytes(port: number, bytes: string): Promise<Omit<RawResponse, "headers">> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const response = Buffer.concat(chunks).toString("utf8");
      const [head, text = ""] = response.split("\r\n\r\n", 2);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, text });
    });
  });
}
