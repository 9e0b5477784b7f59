import { z } from "zod";
import { text } from "@/lib/validation/text";

export const serviceName = text("Name", { name: true })
  .min(1, "Name is required.")
  .max(120, "Use at most 120 characters.");
const connectorField = (role: string) => z.uuid(`Choose a ${role} connector.`);

export const serviceFieldsSchema = z.object({
  name: serviceName,
  sourceConnectorId: connectorField("source"),
  destinationConnectorId: connectorField("destination"),
});

export const createServiceSchema = serviceFieldsSchema;
export const updateServiceSchema = serviceFieldsSchema.extend({ serviceId: z.uuid("Service is not valid.") });
export const serviceIdSchema = z.object({ serviceId: z.uuid("Service is not valid.") });
/** The toggle posts the state it wants, so a double click cannot flip it back. */
export const setServiceActiveSchema = serviceIdSchema.extend({
  active: z.enum(["true", "false"], { error: "Choose active or inactive." }).transform((v) => v === "true"),
});

export type ServiceFields = z.output<typeof serviceFieldsSchema>;
