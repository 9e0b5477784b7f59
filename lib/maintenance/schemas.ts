import { z } from "zod";
import { uuidField } from "@/lib/accounts/schemas";
import { text } from "@/lib/validation/text";
import { CHECK_INTERVAL_MINUTES } from "@/lib/checks/interval";

const reason = text("Reason")
  .min(1, "Give a reason (people see it on the connector).")
  .max(200, "Use at most 200 characters.");
/** A datetime-local value; read in the connector's zone by the business function. */
const localTime = (label: string) => text(label).max(20, `${label} is not a date and time.`);

export const pauseSchema = z.object({
  connectorId: uuidField("Connector"),
  reason,
  /** Optional: "" = until someone resumes. */
  until: localTime("Until").optional().default(""),
});

export const resumeSchema = z.object({ connectorId: uuidField("Connector") });

export const maintenanceSchema = z.object({
  connectorId: uuidField("Connector"),
  startsAt: localTime("Start").min(1, "Start is required."),
  endsAt: localTime("End").min(1, "End is required."),
  reason,
});

export const cancelMaintenanceSchema = z.object({
  connectorId: uuidField("Connector"),
  windowId: uuidField("Maintenance window"),
});

const { min, max } = CHECK_INTERVAL_MINUTES;
const intervalMessage = `Check interval must be a whole number of minutes from ${min} to ${max}, or empty for the default.`;
/** "" = the default interval (HEALTHCHECK_INTERVAL). */
export const checkIntervalSchema = z.object({
  connectorId: uuidField("Connector"),
  minutes: z
    .string({ error: intervalMessage })
    .trim()
    .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) >= min && Number(v) <= max), intervalMessage)
    .transform((v) => (v === "" ? null : Number(v))),
});
