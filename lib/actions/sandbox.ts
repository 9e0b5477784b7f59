"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { SANDBOX_MODES } from "@/db/schema";
import { setSandboxMode } from "@/lib/sandbox/accounts";
import type { FormState } from "@/lib/form-state";
import { runAction } from "./run-action";

const sandboxModeSchema = z.object({
  connectorId: z.uuid("Connector is not valid."),
  mode: z.enum(SANDBOX_MODES, { error: "Choose a behaviour." }),
});

export async function setSandboxModeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction(
    formData,
    { schema: sandboxModeSchema, permission: "sandbox.mode", revalidate: "/connectors", context: "sandbox.mode" },
    async (user, input) => {
      await setSandboxMode(await getDb(), user, input);
      revalidatePath(`/connectors/${input.connectorId}`, "layout");
      return "Sandbox behaviour changed; the next check will see it.";
    },
  );
}
