import type { FastifyInstance } from "fastify";
import type { EmulatorControl } from "./control";
import type { TriggerOptions } from "./deliveries";

const triggerSchema = {
  type: "object",
  required: ["event"],
  properties: {
    event: { type: "string" },
    count: { type: "integer" },
    targetUrlPrefix: { type: "string" },
  },
} as const;

/** Registers the delivery routes of the control interface (mount with prefix `/__control`). */
export function registerDeliveryRoutes(app: FastifyInstance, control: EmulatorControl): void {
  app.post<{ Params: { siteId: string }; Body: TriggerOptions & { event: string } }>(
    "/accounts/:siteId/trigger",
    { schema: { body: triggerSchema } },
    async (request) => {
      const { event, ...options } = request.body;
      return { deliveries: await control.trigger(request.params.siteId, event, options) };
    },
  );
  app.get("/deliveries", async () => control.deliveries());
  app.delete("/deliveries", async (_request, reply) => {
    control.clearDeliveries();
    return reply.code(204).send();
  });
}
