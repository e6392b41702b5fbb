import type { FastifySchemaValidationError } from "fastify";
import { webhookEvents } from "../provider/core/webhook/events";
import { webhookArguments } from "../provider/core/webhook/webhookArguments";
import { webhookFieldNames } from "../provider/core/webhook/webhookFields";
import { type ApiError, badRequest } from "./errors";

/** JSON schema of the Comm100 create/update body: every field required, extra fields ignored. */
export const webhookBodySchema = { type: "object", required: webhookFieldNames } as const;

/** Turns fastify's schema errors into a 400 `{code, message}` whose message names the field. */
export function formatSchemaErrors(errors: FastifySchemaValidationError[]): ApiError {
  const [{ keyword, instancePath, params, message }] = errors;
  const field = instancePath.split("/").filter(Boolean).join(".");
  if (keyword === "required") return badRequest(`${String(params.missingProperty)} is required.`);
  if (field === "") return badRequest("The request body must be a JSON object.");
  if (keyword === "enum" && field === "event") {
    return badRequest(`event must be one of: ${webhookEvents.join(", ")}.`);
  }
  if (keyword === "type") return badRequest(`${field} must be of type ${String(params.type)}.`);
  return badRequest(`${field} ${message ?? "is invalid"}.`);
}

/** Throws a 400 naming the first field of `body` that breaks the provider's rule for it. */
export function assertWebhookFields(body: Record<string, unknown>): void {
  for (const field of webhookFieldNames) {
    const problem = webhookArguments[field].problem(body[field]);
    if (problem) throw badRequest(`${field} ${problem}.`);
  }
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a GUID (any letter case), the only id shape Comm100 issues. */
export function isGuid(id: string): boolean {
  return guid.test(id);
}
