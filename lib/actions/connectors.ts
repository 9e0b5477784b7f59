"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { checkConnector } from "@/lib/checks/check-connector";
import { createConnector } from "@/lib/connectors/create";
import { deleteConnector } from "@/lib/connectors/delete";
import {
  connectorIdSchema,
  createConnectorSchema,
  deleteConnectorSchema,
  updateCredentialsSchema,
  updateGeneralSchema,
} from "@/lib/connectors/schemas";
import { updateConnectorCredentials, updateConnectorGeneral } from "@/lib/connectors/update";
import type { FormState } from "@/lib/form-state";
import { getSystem } from "@/lib/systems";
import { runAction } from "./run-action";

/** Form fields named "credentials.<key>" become the credentials object. */
function credentialsFrom(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries())
    if (k.startsWith("credentials.") && typeof v === "string") out[k.slice(12)] = v;
  return out;
}

const systemIdOf = (formData: FormData) => {
  const value = formData.get("systemId");
  return typeof value === "string" ? value : "";
};

/** Secret credential values are never echoed back to the browser, not even after a failed save. */
function secretKeys(formData: FormData) {
  const system = getSystem(systemIdOf(formData));
  const secrets = new Set(
    system?.authTypes.flatMap((a) => a.fields.filter((f) => f.secret).map((f) => `credentials.${f.key}`)) ?? [],
  );
  return (key: string) => key.startsWith("credentials.") && (secrets.has(key) || !system);
}

export async function createConnectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let createdId = "";
  const state = await runAction(
    formData,
    {
      schema: createConnectorSchema,
      permission: "connectors.manage",
      omit: secretKeys(formData),
      revalidate: "/connectors",
      context: "connectors.create",
    },
    async (user, input) => {
      const { id } = await createConnector(await getDb(), user, { ...input, credentials: credentialsFrom(formData) });
      createdId = id;
    },
  );
  if (state.ok && createdId) redirect(`/connectors/${createdId}?created=1`);
  return state;
}

export async function updateGeneralAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: updateGeneralSchema, permission: "connectors.manage", context: "connectors.general" },
    async (user, input) => {
      const { changed } = await updateConnectorGeneral(await getDb(), user, input);
      revalidateConnector(input.connectorId);
      return changed.length ? "Saved." : "Nothing changed.";
    },
  );
}

export async function updateCredentialsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    {
      schema: updateCredentialsSchema,
      permission: "connectors.manage",
      omit: (k) => k.startsWith("credentials."),
      context: "connectors.credentials",
    },
    async (user, input) => {
      const { changed, result } = await updateConnectorCredentials(await getDb(), user, {
        ...input,
        credentials: credentialsFrom(formData),
      });
      revalidateConnector(input.connectorId);
      if (changed.length === 0) return "Nothing changed: the stored credentials are the same.";
      return result?.status === "operational"
        ? "Credentials saved and verified: the connector is operational."
        : "Credentials saved; the system was offline, so it will be checked again automatically.";
    },
  );
}

export async function deleteConnectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let deleted = "";
  const state = await runAction(
    formData,
    {
      schema: deleteConnectorSchema,
      permission: "connectors.manage",
      revalidate: "/connectors",
      context: "connectors.delete",
    },
    async (user, input) => {
      await deleteConnector(await getDb(), user, input);
      deleted = input.confirmName.trim();
    },
  );
  if (state.ok && deleted) redirect(`/connectors?deleted=${encodeURIComponent(deleted)}`);
  return state;
}

export async function checkNowAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: connectorIdSchema, permission: "connectors.manage", context: "connectors.check" },
    async (user, input) => {
      const target = { orgId: user.orgId, connectorId: input.connectorId };
      const { result } = await checkConnector(await getDb(), target, { mode: "now", actor: user });
      revalidateConnector(input.connectorId);
      return `Checked: ${result.message}`;
    },
  );
}

function revalidateConnector(id: string) {
  revalidatePath(`/connectors/${id}`, "layout");
  revalidatePath("/connectors");
}
