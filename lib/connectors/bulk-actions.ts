import { z } from "zod";
import type { Db } from "@/db";
import { connectorNamesIn } from "@/db/queries/maintenance";
import { uuidField } from "@/lib/accounts/schemas";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { checkConnector } from "@/lib/checks/check-connector";
import type { CheckConfig } from "@/lib/checks/config";
import { AppError, forbidden } from "@/lib/errors";
import { pauseConnector, resumeConnector } from "@/lib/maintenance/windows";
import { setConnectorNotificationGroup } from "@/lib/notifications/groups";
import { text } from "@/lib/validation/text";

export const BULK_OPS = ["check", "pause", "resume", "group"] as const;
export type BulkOp = (typeof BULK_OPS)[number];
/** One page of the connector list. */
export const MAX_BULK = 100;
/** Checks run a few at a time: each may wait up to HEALTHCHECK_TIMEOUT on its vendor. */
const CHECK_CONCURRENCY = 5;

export const bulkSchema = z
  .object({
    op: z.enum(BULK_OPS, { error: "Choose what to do with the selected connectors." }),
    reason: text("Reason").max(200, "Use at most 200 characters.").optional().default(""),
    groupId: z
      .union([z.literal(""), uuidField("Notification group")])
      .optional()
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.op === "pause" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason for the pause." });
  });

export type BulkOutcome = { id: string; name: string; outcome: "done" | "skipped"; detail: string };

/** Who may run an operation: checks and pauses are managers' work; who is notified is the administrators'. */
export const canBulk = (user: Pick<SessionUser, "role">, op: BulkOp) =>
  can(user, op === "group" ? "notifications.manage" : "connectors.manage");

/**
 * Runs one operation on each selected connector and says what happened to each: done, or skipped and why. Every
 * connector goes through the same business function as its own page (permission, organisation, the 10-second "Check
 * now" limit, "already paused"); an id that is not one of the organisation's connectors is skipped without a name.
 */
export async function runBulk(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof bulkSchema> & { ids: string[] },
  { checkConfig }: { checkConfig?: Partial<CheckConfig> } = {},
): Promise<BulkOutcome[]> {
  if (!canBulk(actor, input.op)) throw forbidden();
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw new AppError("INVALID", "Select at least one connector.");
  if (ids.length > MAX_BULK) throw new AppError("INVALID", `Select at most ${MAX_BULK} connectors at a time.`);
  const valid = ids.filter((id) => z.uuid().safeParse(id).success);
  const names = await connectorNamesIn(db, { orgId: actor.orgId, ids: valid });
  const one = async (id: string): Promise<BulkOutcome> => {
    const name = names.get(id);
    if (!name)
      return { id, name: "Unknown connector", outcome: "skipped", detail: "Not a connector of your organisation." };
    try {
      return { id, name, outcome: "done", detail: await apply(db, actor, input, id, checkConfig) };
    } catch (error) {
      if (error instanceof AppError) return { id, name, outcome: "skipped", detail: error.message };
      throw error;
    }
  };
  const results: BulkOutcome[] = [];
  const width = input.op === "check" ? CHECK_CONCURRENCY : 1;
  for (let i = 0; i < ids.length; i += width) results.push(...(await Promise.all(ids.slice(i, i + width).map(one))));
  return results;
}

async function apply(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof bulkSchema>,
  connectorId: string,
  config?: Partial<CheckConfig>,
) {
  switch (input.op) {
    case "check": {
      const target = { orgId: actor.orgId, connectorId };
      const { result } = await checkConnector(db, target, { mode: "now", actor, config });
      return `Checked: ${result.message}`;
    }
    case "pause":
      await pauseConnector(db, actor, { connectorId, reason: input.reason, until: "" });
      return "Paused.";
    case "resume":
      if (!(await resumeConnector(db, actor, { connectorId }))) throw new AppError("CONFLICT", "It was not paused.");
      return "Resumed: checks start again at the next sweep.";
    case "group":
      await setConnectorNotificationGroup(db, actor, { connectorId, groupId: input.groupId });
      return "Notification group changed.";
  }
}
