"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { connectorIdSchema } from "@/lib/connectors/schemas";
import type { FormState } from "@/lib/form-state";
import { issueInboundClient, revokeInboundClients } from "@/lib/inbound-api/clients";
import { runAction } from "./run-action";

export async function issueInboundClientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let reveal: Record<string, string> | undefined;
  const state = await runAction(
    formData,
    { schema: connectorIdSchema, permission: "connectors.manage", context: "inbound.issue" },
    async (user, input) => {
      const issued = await issueInboundClient(await getDb(), user, input);
      reveal = { clientId: issued.clientId, clientSecret: issued.secret };
      revalidatePath(`/connectors/${input.connectorId}`, "layout");
      return "New client issued. Copy the secret now: it is shown only once.";
    },
  );
  return { ...state, reveal };
}

export async function revokeInboundClientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: connectorIdSchema, permission: "connectors.manage", context: "inbound.revoke" },
    async (user, input) => {
      await revokeInboundClients(await getDb(), user, input);
      revalidatePath(`/connectors/${input.connectorId}`, "layout");
      return "Client revoked: its tokens stop working now.";
    },
  );
}
