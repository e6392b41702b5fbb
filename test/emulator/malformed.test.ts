import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { defaultToken, secondAccount, startEmulator } from "../../emulator";
import {
  bearerClient,
  missingId,
  sampleWebhook,
  sendBytes,
  sendRaw,
  siteId,
  useEmulator,
} from "../support/emulatorTestBed";

const emulator = useEmulator({ bodyLimitBytes: 1024 });

const auth = { Authorization: `Bearer ${defaultToken}` };
const json = { ...auth, "Content-Type": "application/json" };
const valid = JSON.stringify(sampleWebhook);

interface Malformed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
}

const post = (headers: Record<string, string>, body: string | undefined, status = 400) => ({
  method: "POST",
  path: "/livechat/webhooks",
  headers,
  body,
  status,
});

const cases: Record<string, Malformed> = {
  "invalid JSON": post(json, "{bad json"),
  "truncated JSON": post(json, '{"event":"chatStarts",'),
  "an empty JSON body": post(json, ""),
  "no body at all": post(auth, undefined),
  "JSON null": post(json, "null"),
  "a JSON array": post(json, `[${valid}]`),
  "a JSON string": post(json, '"chatStarts"'),
  "a JSON number": post(json, "42"),
  "a __proto__ key": post(
    json,
    '{"__proto__":{"x":1},"event":"chatStarts","targetUrl":"http://a.b"}',
  ),
  "a text/plain body": post({ ...auth, "Content-Type": "text/plain" }, valid, 415),
  "a form body": post(
    { ...auth, "Content-Type": "application/x-www-form-urlencoded" },
    "event=chatStarts",
    415,
  ),
  "an XML body": post({ ...auth, "Content-Type": "application/xml" }, "<webhook/>", 415),
  "a body without Content-Type": post(auth, valid, 415),
  "a body over the size limit": post(
    json,
    JSON.stringify({ event: "chatStarts", targetUrl: `http://a.b/${"x".repeat(2000)}` }),
    413,
  ),
  "a targetUrl object": post(json, '{"event":"chatStarts","targetUrl":{"href":"http://a.b"}}'),
  "a javascript: targetUrl": post(json, '{"event":"chatStarts","targetUrl":"javascript:alert(1)"}'),
  "an empty targetUrl": post(json, '{"event":"chatStarts","targetUrl":""}'),
  "a PUT with invalid JSON": {
    method: "PUT",
    path: `/livechat/webhooks/${missingId}`,
    headers: json,
    body: "{",
    status: 400,
  },
  "a badly percent-encoded path": {
    method: "GET",
    path: "/livechat/webhooks/%E0%A4%A",
    headers: auth,
    status: 400,
  },
  "a repeated siteId parameter": {
    method: "GET",
    path: `/livechat/webhooks?siteId=${siteId}&siteId=${secondAccount.siteId}`,
    headers: auth,
    status: 400,
  },
};

describe("malformed requests get a 4xx JSON {code, message} and the server keeps serving", () => {
  it.each(Object.entries(cases))("%s", async (_name, request) => {
    const response = await sendRaw(`${emulator().baseUrl}${request.path}`, request);
    expect(response.status).toBe(request.status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual({
      code: request.status * 1000,
      message: expect.any(String),
    });
    expect((await bearerClient(emulator()).get("/livechat/webhooks")).status).toBe(200);
    expect(emulator().control.webhooks(siteId)).toEqual([]);
  });

  it.each([
    ["a garbage request line", "HELLO WORLD\r\n\r\n", 400],
    [
      "a bad Content-Length",
      "POST /v4/livechat/webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      400,
    ],
    [
      "headers over 16 KiB",
      `GET /v4/livechat/webhooks HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])("%s at the HTTP level", async (_name, bytes, status) => {
    const response = await sendBytes(emulator().port, bytes);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toEqual({ code: status * 1000, message: expect.any(String) });
    expect((await bearerClient(emulator()).get("/livechat/webhooks")).status).toBe(200);
  });

  it("a client that disconnects mid-body does not disturb the server", async () => {
    const socket = connect(emulator().port, "127.0.0.1");
    await new Promise((resolve) => socket.on("connect", resolve));
    socket.write(
      `POST /v4/livechat/webhooks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${defaultToken}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"ev',
    );
    socket.destroy();
    expect((await bearerClient(emulator()).get("/livechat/webhooks")).status).toBe(200);
  });
});

describe("shutdown", () => {
  it("close() does not wait for a client stuck mid-body", async () => {
    const stuck = await startEmulator();
    const socket = connect(stuck.port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.on("connect", resolve));
    socket.write(
      "POST /v4/livechat/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        'Content-Length: 500\r\n\r\n{"ev',
    );
    const started = Date.now();
    await stuck.close();
    expect(Date.now() - started).toBeLessThan(2000);
    socket.destroy();
  });
});
