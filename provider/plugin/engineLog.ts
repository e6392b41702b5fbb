import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";

/** Shows a warning on a resource in the engine's output (`urn` empty: on no resource). */
export type Warn = (message: string, urn: string) => Promise<void>;

/**
 * Warnings through the engine's Log service at `engineAddress` (the address the engine passes
 * the plugin), else on stderr.
 */
export function engineWarnings(engineAddress: string | undefined): Warn {
  if (!engineAddress) {
    return async (message) => void process.stderr.write(`warning: ${message}\n`);
  }
  const engine = new EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (message, urn) =>
    new Promise((resolve) => {
      const request = new engineProto.LogRequest();
      request.setSeverity(engineProto.LogSeverity.WARNING);
      request.setMessage(message);
      request.setUrn(urn);
      engine.log(request, (error) => {
        if (error) process.stderr.write(`warning: ${message}\n`);
        resolve();
      });
    });
}
