import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import {
  findRunsForResync,
  insertResyncRequests,
  insertOrgWebhookEvents,
  markExpiredRequests,
} from "@/db/queries/resync-requests";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import type { RequestResyncInput, ResyncOutcome } from "./schemas";

export type ResyncRequestResult = { outcomes: Map<number, ResyncOutcome>; requested: number };

/**
 * Asks the sync engine to run failed syncs again: one pending request per failed run of the organisation that has no
 * open one (an expired request is closed first, so the run can be asked for again). In ONE transaction with its audit
 * entry and its `sync.resync_requested` webhook events: all of it is stored, or none. Answers what happened to each
 * run: requested, already open, not failed, not found (another organisation's run looks exactly like an unknown one).
 */
export async function requestResyncs(
  db: Db,
  actor: SessionUser,
  input: RequestResyncInput,
  { appUrl = env.APP_URL }: { appUrl?: string } = {},
): Promise<ResyncRequestResult> {
  if (!can(actor, "syncs.resync")) throw forbidden();
  const runIds = input.runIds;
  try {
    return await db.transaction(async (tx) => {
      const runs = new Map((await findRunsForResync(tx, { orgId: actor.orgId, runIds })).map((r) => [r.id, r]));
      const outcomes = new Map<number, ResyncOutcome>();
      for (const id of runIds) {
        const run = runs.get(id);
        outcomes.set(
          id,
          !run ? "not_found" : run.status !== "failed" ? "not_failed" : run.open ? "already_open" : "requested",
        );
      }
      const chosen = runIds.filter((id) => outcomes.get(id) === "requested");
      if (chosen.length === 0) return { outcomes, requested: 0 };
      await markExpiredRequests(tx, { orgId: actor.orgId, runIds: chosen });
      const inserted = await insertResyncRequests(tx, {
        orgId: actor.orgId,
        runIds: chosen,
        userId: actor.id,
        userName: actor.name,
      });
      await insertOrgWebhookEvents(tx, {
        orgId: actor.orgId,
        bodies: inserted.map((request) => {
          const run = runs.get(request.syncRunId);
          if (!run) throw new Error(`run ${request.syncRunId} vanished`); // inserted only for runs found above
          return resyncRequestedEvent({ request, run, actor, appUrl });
        }),
      });
      await recordAudit(tx, actor, {
        action: "sync.resync_requested",
        summary: `Requested a resync of ${chosen.length === 1 ? "1 failed sync" : `${chosen.length} failed syncs`}.`,
      });
      return { outcomes, requested: inserted.length };
    });
  } catch (error) {
    // Someone else asked for one of these runs at the same moment: nothing of this request was stored.
    if (isUniqueViolation(error, "resync_requests_open_run_uq"))
      throw new AppError(
        "CONFLICT",
        "One of these syncs was just requested by someone else. Nothing was requested; try again.",
      );
    throw error;
  }
}

/** The `sync.resync_requested` webhook body (README "API"): what to run again, and who asked when. */
export function resyncRequestedEvent({
  request,
  run,
  actor,
  appUrl,
}: {
  request: { id: string; requestedAt: Date };
  run: { externalId: string; serviceId: string; serviceName: string; startedAt: string };
  actor: SessionUser;
  appUrl: string;
}) {
  return {
    id: randomUUID(),
    event: "sync.resync_requested",
    request: { id: request.id, requestedAt: request.requestedAt.toISOString(), requestedBy: actor.name },
    run: {
      externalId: run.externalId,
      serviceId: run.serviceId,
      serviceName: run.serviceName,
      startedAt: run.startedAt,
      status: "failed",
    },
    url: `${appUrl.replace(/\/$/, "")}/sync-reports?${new URLSearchParams({ from: run.startedAt.slice(0, 10), to: run.startedAt.slice(0, 10), q: run.externalId })}`,
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The answer a person reads after asking: how many were requested, and why the others were not. */
export function describeResyncResult({ outcomes, requested }: ResyncRequestResult): string {
  const count = (o: ResyncOutcome) => [...outcomes.values()].filter((v) => v === o).length;
  const parts = [
    requested
      ? `Requested a resync of ${plural(requested, "sync", "syncs")}; the sync engine picks ${requested === 1 ? "it" : "them"} up on its next run.`
      : "No resync was requested.",
  ];
  const open = count("already_open");
  const notFailed = count("not_failed");
  const notFound = count("not_found");
  if (open) parts.push(`${plural(open, "sync already has", "syncs already have")} an open request.`);
  if (notFailed) parts.push(`${plural(notFailed, "sync has", "syncs have")} not failed.`);
  if (notFound) parts.push(`${plural(notFound, "sync was", "syncs were")} not found.`);
  return parts.join(" ");
}
