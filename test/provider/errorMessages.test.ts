import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryLedger } from "../../provider/core/api/callLedger";
import { Comm100Client, type ClientOptions } from "../../provider/core/api/client";
import { rejectionOf } from "../support/providerTestBed";

// These servers are not Comm100-compatible on purpose: one never answers, one is a proxy.

let server: Server | undefined;
let requests = 0;

afterEach(async () => {
  const running = server;
  server = undefined;
  requests = 0;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

/** A client of a local server that handles each request with `handle`. */
async function clientOf(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  options: ClientOptions,
): Promise<Comm100Client> {
  server = createServer((request, response) => {
    requests += 1;
    handle(request, response);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Comm100Client(
    {
      baseUrl: `http://127.0.0.1:${port}/v4`,
      credentials: { scheme: "bearer", accessToken: "never-printed-token" },
    },
    { ledger: new MemoryLedger(), ...options },
  );
}

const never = (): void => undefined;

describe("a server that accepts calls and never answers", () => {
  it("fails saying how often and how long it tried, and which settings shorten that", async () => {
    const api = await clientOf(never, {
      requestTimeoutMs: 100,
      maxRetries: 2,
      retryBaseDelayMs: 10,
    });

    const started = Date.now();
    const error = await rejectionOf(api.list());
    const elapsed = Date.now() - started;

    const match =
      /^Comm100 API: list webhooks failed: no response: no answer within 100 ms; tried 3 times over ([\d.]+) (ms|s)\. To fail sooner, lower comm100:requestTimeoutMs \/ COMM100_REQUEST_TIMEOUT_MS \(the wait for each try\) or comm100:maxRetries \/ COMM100_MAX_RETRIES \(the tries after the first\); if the API is only slow, raise the timeout instead$/.exec(
        error.message,
      );
    expect(match, error.message).not.toBeNull();
    const reported = Number(match?.[1]) * (match?.[2] === "s" ? 1000 : 1);
    expect(reported).toBeGreaterThanOrEqual(3 * 100 + 20 + 40); // 3 timeouts + 2 backoffs
    expect(reported).toBeLessThanOrEqual(elapsed + 50); // "1.0 s" may round up
    expect(requests).toBe(3);
    expect(error).toMatchObject({ status: undefined, outcomeUnknown: true });
  });

  it("says a create that timed out was tried once, since a POST is never repeated blindly", async () => {
    const api = await clientOf(never, {
      requestTimeoutMs: 100,
      maxRetries: 2,
      retryBaseDelayMs: 10,
    });

    const error = await rejectionOf(
      api.create({ event: "chatStarts", targetUrl: "https://example.com/hook" }),
    );

    expect(error.message).toMatch(
      /^Comm100 API: create webhook failed: no response: no answer within 100 ms; tried once over [\d.]+ m?s\. To fail sooner, lower comm100:requestTimeoutMs \/ COMM100_REQUEST_TIMEOUT_MS/,
    );
    expect(requests).toBe(1);
  });
});

const badGatewayPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.25.3</center>
</body>
</html>
`;

describe("an HTML error page from a proxy", () => {
  it("is named by its title, not pasted whole into the error", async () => {
    const api = await clientOf(
      (_request, response) => {
        response.writeHead(502, { "Content-Type": "text/html" });
        response.end(badGatewayPage);
      },
      { maxRetries: 0 },
    );

    const error = await rejectionOf(api.list());

    expect(error.message).toBe(
      'Comm100 API: list webhooks failed: HTTP 502 (an HTML page titled "502 Bad Gateway"). Comm100 had a server error: run again later',
    );
    expect(error).toMatchObject({ status: 502, outcomeUnknown: true });
  });
});
