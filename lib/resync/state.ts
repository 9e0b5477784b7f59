import type { ResyncState } from "@/db/queries/resync-requests";

/** Resync request data, as the database layer declares it, for components (which never import db/). */
export type { ResyncState } from "@/db/queries/resync-requests";

export type ResyncStateText = { text: string; tone: "info" | "ok" | "bad" | "muted" };

/**
 * What a run's latest resync request says beside it: "Resync requested 09:14 by Ada" -> "Picked up" ->
 * "Resynced: ok" or "Failed again"; "Expired — request again" when no worker picked it up within 24 hours.
 * `when` formats a time the way the page shows times (the connector's zone and format, or UTC in the report).
 */
export function resyncStateText(state: ResyncState, when: (d: Date) => string): ResyncStateText {
  switch (state.status) {
    case "pending":
    case "claimed":
      // Picked up = acknowledged by the worker that runs it; a claim alone may still lapse back to the queue.
      return state.acknowledgedAt
        ? { text: `Picked up ${when(state.acknowledgedAt)}`, tone: "info" }
        : { text: `Resync requested ${when(state.requestedAt)} by ${state.requestedByName}`, tone: "info" };
    case "completed":
      return state.resultStatus === "ok" ? { text: "Resynced: ok", tone: "ok" } : { text: "Failed again", tone: "bad" };
    case "expired":
      return { text: "Expired — request again", tone: "muted" };
  }
}

/** A run can be asked for again unless a request is open (pending or picked up). */
export const isResyncOpen = (state: ResyncState | undefined) =>
  state?.status === "pending" || state?.status === "claimed";
