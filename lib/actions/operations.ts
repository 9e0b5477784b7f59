"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { type BulkOutcome, bulkSchema, runBulk } from "@/lib/connectors/bulk-actions";
import type { FormState } from "@/lib/form-state";
import { updateCheckInterval } from "@/lib/maintenance/check-interval";
import {
  cancelMaintenanceSchema,
  checkIntervalSchema,
  maintenanceSchema,
  pauseSchema,
  resumeSchema,
} from "@/lib/maintenance/schemas";
import { cancelMaintenance, pauseConnector, resumeConnector, scheduleMaintenance } from "@/lib/maintenance/windows";
import { runAction } from "./run-action";

/** Pauses, maintenance windows, check cadence and bulk actions on the connector list. */
const manage = { permission: "connectors.manage" } as const;

function revalidateConnector(id: string) {
  revalidatePath(`/connectors/${id}`, "layout");
  revalidatePath("/connectors");
}

export async function pauseConnectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...manage, schema: pauseSchema, context: "connectors.pause" }, async (user, input) => {
    await pauseConnector(await getDb(), user, input);
    revalidateConnector(input.connectorId);
    return "Paused: no checks and no alerts until it is resumed.";
  });
}

export async function resumeConnectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(formData, { ...manage, schema: resumeSchema, context: "connectors.resume" }, async (user, input) => {
    const resumed = await resumeConnector(await getDb(), user, input);
    revalidateConnector(input.connectorId);
    return resumed ? "Resumed: checks start again at the next sweep." : "It was not paused.";
  });
}

export async function scheduleMaintenanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...manage, schema: maintenanceSchema, context: "connectors.maintenance" },
    async (user, input) => {
      await scheduleMaintenance(await getDb(), user, input);
      revalidateConnector(input.connectorId);
      return "Maintenance window scheduled.";
    },
  );
}

export async function cancelMaintenanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...manage, schema: cancelMaintenanceSchema, context: "connectors.maintenance.cancel" },
    async (user, input) => {
      await cancelMaintenance(await getDb(), user, input);
      revalidateConnector(input.connectorId);
      return "Maintenance window cancelled.";
    },
  );
}

export async function updateCheckIntervalAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { ...manage, schema: checkIntervalSchema, context: "connectors.check-interval" },
    async (user, input) => {
      const { changed } = await updateCheckInterval(await getDb(), user, input);
      revalidateConnector(input.connectorId);
      return changed ? "Saved." : "Nothing changed.";
    },
  );
}

export type BulkState = FormState & { results?: BulkOutcome[] };

/** The selected connectors arrive as repeated "ids" fields; each is re-checked against the organisation. */
export async function bulkConnectorsAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  let results: BulkOutcome[] | undefined;
  const ids = formData.getAll("ids").filter((v): v is string => typeof v === "string");
  const state = await runAction(
    formData,
    { ...manage, schema: bulkSchema, revalidate: "/connectors", context: "connectors.bulk" },
    async (user, input) => {
      results = await runBulk(await getDb(), user, { ...input, ids });
      const done = results.filter((r) => r.outcome === "done").length;
      return `${done} of ${results.length} done${done < results.length ? `, ${results.length - done} skipped` : ""}.`;
    },
  );
  return { ...state, values: undefined, results };
}
