import { z } from "zod";
import { ENVIRONMENTS } from "@/db/schema";
import { text } from "@/lib/validation/text";
import { DATE_FORMAT_IDS, isTimeZone } from "@/lib/format/date";

export const connectorName = text("Name", { name: true })
  .min(1, "Name is required.")
  .max(80, "Use at most 80 characters.");
export const timeZoneField = text("Time zone", { required: "Choose a time zone." })
  .max(100, "Choose a time zone from the list (for example Europe/London).")
  .refine(isTimeZone, "Choose a time zone from the list (for example Europe/London).");
export const dateFormatField = z.enum(DATE_FORMAT_IDS, { error: "Choose a date format from the list." });

/** An HTML checkbox: "on" when ticked, absent otherwise. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const connectorGeneralSchema = z.object({ name: connectorName, timeZone: timeZoneField, dateFormat: dateFormatField });

/** Everything but the credentials, which are validated by the system's own field declarations. */
export const createConnectorSchema = connectorGeneralSchema.extend({
  systemId: text("System", { required: "Choose a system." }).min(1, "Choose a system.").max(64, "Choose a system from the list."),
  authType: text("Authentication type", { required: "Choose an authentication type." }).min(1, "Choose an authentication type.").max(64, "Choose an authentication type from the list."),
  environment: z.enum(ENVIRONMENTS, { error: "Choose live or test." }),
  companyGroupId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose a company group.").optional()),
  saveOffline: checkbox,
});

export const updateGeneralSchema = connectorGeneralSchema.extend({ connectorId: z.uuid("Connector is not valid.") });
export const connectorIdSchema = z.object({ connectorId: z.uuid("Connector is not valid.") });

export const updateCredentialsSchema = z.object({
  connectorId: z.uuid("Connector is not valid."),
  authType: text("Authentication type", { required: "Choose an authentication type." }).min(1, "Choose an authentication type.").max(64, "Choose an authentication type from the list."),
  saveOffline: checkbox,
});

export const deleteConnectorSchema = z.object({ connectorId: z.uuid("Connector is not valid."), confirmName: text("Confirmation").max(200, "Use at most 200 characters.") });
