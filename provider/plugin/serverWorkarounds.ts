/**
 * Workarounds for defects of the Node provider server in `@pulumi/pulumi/provider`, verified
 * present in the SDK versions listed in `verifiedSdkVersions` (a test fails when the installed
 * SDK is another version: verify again, then add it, or drop a workaround the SDK made needless).
 * 1. `pulumi import` sends a Read without properties, and the server crashes reading them.
 * 2. The server's Configure does not hand the provider's config to the provider.
 * 3. Secret inputs and config arrive wrapped, and outputs stay secret only when the provider
 *    wraps them: `revealed` and `withSecrets`.
 * 4. The server answers List "Not yet implemented", though the protocol has it (`pulumi do …
 *    list`): the provider's lister is served instead.
 */
import * as grpc from "@grpc/grpc-js";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The `@pulumi/pulumi` versions these workarounds were verified against. */
export const verifiedSdkVersions = ["3.245.0"] as const;

/** The provider's config as Configure carries it: keys without the `comm100:` prefix. */
export type ProviderConfig = Record<string, unknown>;

/** One resource a List call finds: its id and the name a program would give it. */
export interface ListedResource {
  id: string;
  name: string;
}

/** Takes a provider's config and its URN (`""` from an engine that does not send it). */
export type Configurer = (config: ProviderConfig, providerUrn: string) => void;

/** Answers a List call: the resources of type `token` matching `query`. */
export type Lister = (token: string, query: Record<string, unknown>) => Promise<ListedResource[]>;

/**
 * Applies workarounds 1, 2 and 4 before `provider.main` starts the server; `onConfigure` receives
 * the provider's config (its arguments, else its `comm100:config:*` variables) and the provider
 * resource's URN on every Configure, and `list` answers every List call.
 */
export function applyServerWorkarounds(onConfigure: Configurer, list: Lister): void {
  readWithoutPropertiesReadsNothing();
  wrapService(onConfigure, list);
}

function readWithoutPropertiesReadsNothing(): void {
  const prototype = providerProto.ReadRequest.prototype;
  const getProperties = prototype.getProperties;
  prototype.getProperties = function (this: providerProto.ReadRequest) {
    return getProperties.call(this) ?? new Struct();
  };
}

function wrapService(onConfigure: Configurer, list: Lister): void {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (
    this: grpc.Server,
    service: grpc.ServiceDefinition,
    implementation: grpc.UntypedServiceImplementation,
  ) {
    const configure = implementation.configure as grpc.handleUnaryCall<
      providerProto.ConfigureRequest,
      providerProto.ConfigureResponse
    >;
    if (configure) {
      implementation.configure = (
        call: grpc.ServerUnaryCall<providerProto.ConfigureRequest, providerProto.ConfigureResponse>,
        callback: grpc.sendUnaryData<providerProto.ConfigureResponse>,
      ) => {
        try {
          onConfigure(configOf(call.request), call.request.getUrn() ?? "");
        } catch (error) {
          callback({ code: grpc.status.INVALID_ARGUMENT, details: (error as Error).message });
          return;
        }
        configure.call(implementation, call, callback);
      };
    }
    if (implementation.list) implementation.list = serveList(list);
    return addService.call(this, service, implementation);
  };
}

/** A List handler over `list`: one result per resource, then the end of the stream. */
function serveList(
  list: Lister,
): grpc.handleServerStreamingCall<providerProto.ListRequest, providerProto.ListResponse> {
  return (call) => {
    const request = call.request;
    list(request.getToken(), request.getQuery()?.toJavaScript() ?? {}).then(
      (resources) => {
        for (const { id, name } of resources) {
          const result = new providerProto.ListResponse.Result();
          result.setId(id);
          result.setName(name);
          const response = new providerProto.ListResponse();
          response.setResult(result);
          call.write(response);
        }
        call.end();
      },
      (error: Error) => call.destroy(grpcError(error)),
    );
  };
}

function grpcError(error: Error): Error {
  return Object.assign(new Error(error.message), {
    code: grpc.status.UNKNOWN,
    details: error.message,
  });
}

/** The config of a Configure request: its arguments, else its `<package>:config:<key>` variables. */
function configOf(request: providerProto.ConfigureRequest): ProviderConfig {
  const args = request.getArgs()?.toJavaScript();
  if (args && Object.keys(args).length > 0) return args;
  const variables: ProviderConfig = {};
  request.getVariablesMap().forEach((value, key) => {
    variables[key.slice(key.lastIndexOf(":") + 1)] = value;
  });
  return variables;
}

/*
 * 3. The engine sends a secret input or config value as `{ [signatureKey]: secretSignature,
 * value }`, and keeps an output secret when the provider returns it the same way.
 */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/** `value` marked secret for the engine. */
export function secret(value: unknown): unknown {
  return { [signatureKey]: secretSignature, value };
}

/** `value` with every secret wrapper, at any depth, replaced by the value it wraps. */
export function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature) return revealed(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, revealed(item)]));
}

/** `record` with the properties named in `names` marked secret, when present. */
export function withSecrets<T extends object>(record: T, names: readonly string[]): T {
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, names.includes(key) ? secret(item) : item]),
  ) as T;
}
