"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { FormState } from "@/lib/form-state";
import { createService } from "@/lib/services/create";
import { deleteService } from "@/lib/services/delete";
import {
  createServiceSchema,
  serviceIdSchema,
  setServiceActiveSchema,
  updateServiceSchema,
} from "@/lib/services/schemas";
import { setServiceActive, updateService } from "@/lib/services/update";
import { runAction } from "./run-action";

/** Connector summaries list the services that use them, so they go stale too. */
function revalidateServices() {
  revalidatePath("/services");
  revalidatePath("/connectors/[id]", "layout");
}

export async function createServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: createServiceSchema, permission: "services.manage", context: "services.create" },
    async (user, input) => {
      await createService(await getDb(), user, input);
      revalidateServices();
      return `Created the service "${input.name}". The engine runs it on its next schedule while it is active.`;
    },
  );
}

export async function updateServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: updateServiceSchema, permission: "services.manage", context: "services.update" },
    async (user, input) => {
      const { changed } = await updateService(await getDb(), user, input);
      revalidateServices();
      return changed.length ? `Saved the service "${input.name}".` : "Nothing changed.";
    },
  );
}

export async function setServiceActiveAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: setServiceActiveSchema, permission: "services.manage", context: "services.active" },
    async (user, input) => {
      const { name } = await setServiceActive(await getDb(), user, input);
      revalidateServices();
      return `"${name}" is ${input.active ? "active" : "inactive"}.`;
    },
  );
}

export async function deleteServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: serviceIdSchema, permission: "services.manage", context: "services.delete" },
    async (user, input) => {
      const { name } = await deleteService(await getDb(), user, input);
      revalidateServices();
      return `Deleted the service "${name}" and its sync history.`;
    },
  );
}
