"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { FormState } from "@/lib/form-state";
import { describeResyncResult, requestResyncs } from "@/lib/resync/request";
import { requestResyncSchema } from "@/lib/resync/schemas";
import { runAction } from "./run-action";

/** "Resync" beside a failed sync, or "Resync selected": asks the sync engine to run them again. */
export async function requestResyncAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: requestResyncSchema, permission: "syncs.resync", context: "syncs.resync" },
    async (user, input) => {
      const result = await requestResyncs(await getDb(), user, input);
      revalidatePath("/sync-reports");
      revalidatePath("/connectors/[id]", "layout");
      return describeResyncResult(result);
    },
  );
}
