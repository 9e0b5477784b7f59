import { z } from "zod";
import { ENVIRONMENTS } from "@/db/schema";
import { text } from "@/lib/validation/text";
import { ruleSchema } from "@/lib/validation/rule";
import { checkConnectorName, checkDateFormat, checkTimeZone } from "./general-rules";

// The rules live in ./general-rules.ts, which the add-connector wizard runs in the browser too.
export const connectorName = ruleSchema(checkConnectorName, "Name is required.");
export const timeZoneField = ruleSchema((raw) => checkTimeZone(raw), "Choose a time zone.");
export const dateFormatField = ruleSchema(checkDateFormat, "Choose a date format from the list.");

/** An HTML checkbox: "on" when ticked, absent otherwise. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const connectorGeneralSchema = z.object({
  name: connectorName,
  timeZone: timeZoneField,
  dateFormat: dateFormatField,
});

/** Everything but the credentials, which are validated by the system's own field declarations. */
export const createConnectorSchema = connectorGeneralSchema.extend({
  systemId: text("System", { required: "Choose a system." })
    .min(1, "Choose a system.")
    .max(64, "Choose a system from the list."),
  authType: text("Authentication type", { required: "Choose an authentication type." })
    .min(1, "Choose an authentication type.")
    .max(64, "Choose an authentication type from the list."),
  environment: z.enum(ENVIRONMENTS, { error: "Choose live or test." }),
  companyGroupId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose a company group.").optional()),
  saveOffline: checkbox,
});

export const updateGeneralSchema = connectorGeneralSchema.extend({ connectorId: z.uuid("Connector is not valid.") });
export const connectorIdSchema = z.object({ connectorId: z.uuid("Connector is not valid.") });

export const updateCredentialsSchema = z.object({
  connectorId: z.uuid("Connector is not valid."),
  authType: text("Authentication type", { required: "Choose an authentication type." })
    .min(1, "Choose an authentication type.")
    .max(64, "Choose an authentication type from the list."),
  saveOffline: checkbox,
});

export const deleteConnectorSchema = z.object({
  connectorId: z.uuid("Connector is not valid."),
  confirmName: text("Confirmation").max(200, "Use at most 200 characters."),
});
