import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { describe, expect, it } from "vitest";
import {
  applyServerWorkarounds,
  revealed,
  secret,
  withSecrets,
} from "../../provider/plugin/serverWorkarounds";

describe("workaround 1: a Read without properties (`pulumi import`)", () => {
  it("reads as empty properties once applied, where the SDK's server would crash", () => {
    const request = new providerProto.ReadRequest();
    expect(request.getProperties()).toBeUndefined();
    applyServerWorkarounds(
      () => undefined,
      async () => [],
    );
    expect(request.getProperties()?.toJavaScript()).toEqual({});
  });
});

describe("workaround 3: secret values", () => {
  it("reveals secrets at any depth and leaves other values as they are", () => {
    const wrapped = {
      event: "chatStarts",
      targetUrl: secret("https://hooks.example.com/a"),
      account: secret({ baseUrl: "https://api11.comm100.io/v4", accessToken: secret("t0ken") }),
      list: [secret(1), 2],
    };
    expect(revealed(wrapped)).toEqual({
      event: "chatStarts",
      targetUrl: "https://hooks.example.com/a",
      account: { baseUrl: "https://api11.comm100.io/v4", accessToken: "t0ken" },
      list: [1, 2],
    });
  });

  it("marks the named properties secret, only when present", () => {
    expect(
      withSecrets({ event: "chatEnds", account: { a: "b" } }, ["account", "targetUrl"]),
    ).toEqual({ event: "chatEnds", account: secret({ a: "b" }) });
  });
});
