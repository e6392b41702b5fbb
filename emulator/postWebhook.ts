import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIPv4 } from "node:net";

/** How deliveries are sent. */
export interface DeliveryOptions {
  /** Longest a target may take to answer, in milliseconds. Default 5000. */
  timeoutMs: number;
  /** Send only to loopback hosts (127.0.0.0/8, ::1, localhost); others are logged as not sent. */
  loopbackOnly: boolean;
}

/** Deliveries wait 5 seconds at most and go wherever the webhooks point. */
export const defaultDeliveryOptions: DeliveryOptions = { timeoutMs: 5000, loopbackOnly: false };

/** What came of one POST: the target's status, or why there is none. */
export type PostOutcome = { status: number } | { error: string };

const userAgent = "Comm100-Emulator-Webhook/1.0";

/**
 * POSTs `body` as JSON to `targetUrl` like Comm100 does (no signature, no redirects followed),
 * giving up after `timeoutMs`. Never throws: every failure is an outcome.
 */
export async function postWebhook(
  targetUrl: string,
  body: unknown,
  options: DeliveryOptions,
): Promise<PostOutcome> {
  const url = URL.canParse(targetUrl) ? new URL(targetUrl) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    return { error: "not sent: the target is not an absolute http(s) URL" };
  }
  if (options.loopbackOnly && !isLoopback(url.hostname)) {
    return { error: `not sent: ${url.hostname} is not a loopback address (loopbackOnly)` };
  }
  try {
    return { status: await post(url, JSON.stringify(body), options.timeoutMs) };
  } catch (error) {
    return { error: describeFailure(error, options.timeoutMs) };
  }
}

class DeliveryTimeout extends Error {}

function post(url: URL, payload: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, {
      method: "POST",
      agent: false,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(payload),
        "User-Agent": userAgent,
      },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new DeliveryTimeout());
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(timedOut ? new DeliveryTimeout() : error);
    };
    request.on("response", (response) => {
      response.on("end", () => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
      });
      response.on("error", fail);
      response.on("close", () => {
        if (!response.complete) fail(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      });
      response.resume();
    });
    request.on("error", fail);
    request.end(payload);
  });
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DeliveryTimeout) return `timed out after ${timeoutMs} ms`;
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection closed without an answer";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
  }
  return code ? `${code}: ${message}` : message;
}

function isLoopback(hostname: string): boolean {
  if (isIPv4(hostname)) return hostname.startsWith("127.");
  return hostname === "localhost" || hostname === "[::1]";
}
