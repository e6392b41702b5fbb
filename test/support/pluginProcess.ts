import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { repoRoot } from "../../pulumiProject/paths";

/** The type token of the plugin's webhook, and a URN of one. */
export const webhookType = "comm100:index:Webhook";
export const webhookUrn = `urn:pulumi:test::plugin::${webhookType}::hook`;

/** What a call to the plugin answers, as plain JavaScript. */
type Props = Record<string, unknown>;

/** A running `pulumi-resource-comm100`, driven over gRPC the way the engine drives it. */
export interface PluginProcess {
  /** Configure with the provider's arguments (keys without `comm100:`), as for an explicit provider. */
  configure(args: Props): Promise<void>;
  getSchema(): Promise<string>;
  check(
    news: Props,
    olds?: Props,
  ): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }>;
  create(properties: Props): Promise<{ id: string; properties: Props }>;
  /** A Read without properties is what `pulumi import` sends. */
  read(id: string, properties?: Props): Promise<{ id: string; properties: Props; inputs: Props }>;
  update(id: string, olds: Props, news: Props): Promise<Props>;
  delete(id: string, properties: Props): Promise<void>;
  invoke(token: string, args: Props): Promise<{ outputs: Props; failures: string[] }>;
  /** Everything the plugin wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts the plugin from source (`tsx provider/plugin/main.ts`) with `env`; resolves once it listens. */
export async function startPlugin(env: NodeJS.ProcessEnv = {}): Promise<PluginProcess> {
  const child = spawn(
    path.join(repoRoot, "node_modules/.bin/tsx"),
    [path.join(repoRoot, "provider/plugin/main.ts")],
    { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await firstLine(child, () => stderr);
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <Req, Res>(method: string, request: Req): Promise<Res> =>
    new Promise((resolve, reject) => {
      type Unary = (
        request: Req,
        done: (error: grpc.ServiceError | null, response: Res) => void,
      ) => void;
      const invoke = (client as unknown as Record<string, Unary>)[method].bind(client);
      invoke(request, (error, response) =>
        error ? reject(new Error(error.details || error.message)) : resolve(response),
      );
    });
  const struct = (value: Props) => Struct.fromJavaScript(value as never);
  /** A Diff or Update request of the webhook `id` from `olds` to `news`. */
  const change = <R extends providerProto.DiffRequest | providerProto.UpdateRequest>(
    request: R,
    id: string,
    olds: Props,
    news: Props,
  ): R => {
    request.setId(id);
    request.setUrn(webhookUrn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    return request;
  };

  return {
    async configure(args) {
      const request = new providerProto.ConfigureRequest();
      request.setArgs(struct(args));
      request.setAcceptsecrets(true);
      await call("configure", request);
    },
    async getSchema() {
      const request = new providerProto.GetSchemaRequest();
      const response = await call<unknown, providerProto.GetSchemaResponse>("getSchema", request);
      return response.getSchema();
    },
    async check(news, olds = {}) {
      const request = new providerProto.CheckRequest();
      request.setUrn(webhookUrn);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const response = await call<unknown, providerProto.CheckResponse>("check", request);
      return {
        inputs: response.getInputs()?.toJavaScript() ?? {},
        failures: response
          .getFailuresList()
          .map((failure) => ({ property: failure.getProperty(), reason: failure.getReason() })),
      };
    },
    async diff(id, olds, news) {
      const request = change(new providerProto.DiffRequest(), id, olds, news);
      const response = await call<unknown, providerProto.DiffResponse>("diff", request);
      return { changes: response.getChanges(), replaces: response.getReplacesList() };
    },
    async create(properties) {
      const request = new providerProto.CreateRequest();
      request.setUrn(webhookUrn);
      request.setProperties(struct(properties));
      const response = await call<unknown, providerProto.CreateResponse>("create", request);
      return { id: response.getId(), properties: response.getProperties()?.toJavaScript() ?? {} };
    },
    async read(id, properties) {
      const request = new providerProto.ReadRequest();
      request.setId(id);
      request.setUrn(webhookUrn);
      if (properties) request.setProperties(struct(properties));
      const response = await call<unknown, providerProto.ReadResponse>("read", request);
      return {
        id: response.getId(),
        properties: response.getProperties()?.toJavaScript() ?? {},
        inputs: response.getInputs()?.toJavaScript() ?? {},
      };
    },
    async update(id, olds, news) {
      const request = change(new providerProto.UpdateRequest(), id, olds, news);
      const response = await call<unknown, providerProto.UpdateResponse>("update", request);
      return response.getProperties()?.toJavaScript() ?? {};
    },
    async delete(id, properties) {
      const request = new providerProto.DeleteRequest();
      request.setId(id);
      request.setUrn(webhookUrn);
      request.setProperties(struct(properties));
      await call("delete", request);
    },
    async invoke(token, args) {
      const request = new providerProto.InvokeRequest();
      request.setTok(token);
      request.setArgs(struct(args));
      const response = await call<unknown, providerProto.InvokeResponse>("invoke", request);
      return {
        outputs: response.getReturn()?.toJavaScript() ?? {},
        failures: response.getFailuresList().map((failure) => failure.getReason()),
      };
    },
    stderr: () => stderr,
    async close() {
      client.close();
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** The port the plugin prints on its first line of output. */
function firstLine(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(Number(line.trim())));
    child.once("exit", (code) =>
      reject(new Error(`pulumi-resource-comm100 exited (${code}) before listening: ${stderr()}`)),
    );
  });
}
