import type { ConnectorStatus, ConnectorSummary } from "@/lib/connectors/types";
import { timeAgo } from "@/lib/format/date";
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from "@/lib/format/status-labels";
import { NextCheck } from "@/components/live/next-check";
import type { MaintenanceView } from "@/components/connectors/maintenance-badge";
import { CheckNowButton } from "./check-now-button";
import { DetailItem, type FormatDate } from "./section";

const TONES: Record<ConnectorStatus, string> = {
  operational: "border-emerald-300 bg-emerald-50",
  unreachable: "border-amber-300 bg-amber-50",
  auth_failed: "border-red-300 bg-red-50",
  unknown: "border-slate-300 bg-slate-50",
};

type Props = {
  connector: ConnectorSummary;
  impact: { since: Date; failedSyncs: number } | null;
  canCheck: boolean;
  /** Consecutive failures after which the sweep starts doubling the delay between checks (HEALTHCHECK_FAILURE_THRESHOLD). */
  backoffThreshold: number;
  when: FormatDate;
  now?: Date;
  /** A pause or maintenance window in force: no check runs, so no "next check" time is promised. */
  checksOff?: MaintenanceView | null;
};

export function StatusBanner({
  connector: c,
  impact,
  canCheck,
  backoffThreshold,
  when,
  now = new Date(),
  checksOff = null,
}: Props) {
  const backingOff = c.status !== "operational" && c.consecutiveFailures > backoffThreshold;
  return (
    <section
      aria-labelledby="status-heading"
      className={`rounded-lg border p-6 ${TONES[c.status]}`}
      data-testid="status-banner"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <h2 id="status-heading" className="text-sm font-medium uppercase tracking-wide text-slate-600">
            Connector status
          </h2>
          <p className="mt-1 text-xl font-semibold">
            {STATUS_LABELS[c.status]}
            {c.statusSince ? (
              <span className="text-base font-normal text-slate-700"> since {when(c.statusSince)}</span>
            ) : null}
          </p>
          <p className="mt-1 text-sm text-slate-700">{STATUS_DESCRIPTIONS[c.status]}</p>
          {impact ? (
            <p className="mt-3 font-medium text-slate-900" data-testid="impact">
              {impact.failedSyncs === 0
                ? `No sync of its services has failed since ${when(impact.since)}.`
                : `${impact.failedSyncs === 1 ? "1 sync" : `${impact.failedSyncs.toLocaleString("en-GB")} syncs`} of its services failed since ${when(impact.since)}.`}
            </p>
          ) : null}
        </div>
        {canCheck && checksOff ? (
          // Check now would be refused: say why, and where it ends, rather than offer it.
          <p className="max-w-48 text-sm text-slate-700" data-testid="checks-off">
            {checksOff.kind === "pause"
              ? "No checks while paused: resume it in Settings to check now."
              : "No checks during maintenance: it ends on its own, or cancel it in Settings."}
          </p>
        ) : canCheck ? (
          <CheckNowButton connectorId={c.id} />
        ) : null}
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <DetailItem label="Last check">
          {c.lastCheckedAt ? (
            <>
              {when(c.lastCheckedAt)} <span className="text-slate-600">({timeAgo(c.lastCheckedAt, now)})</span>
            </>
          ) : (
            "Not checked yet"
          )}
        </DetailItem>
        <DetailItem label="Result">
          {c.lastMessage ?? "—"}
          {c.lastReason ? <span className="ml-1 font-mono text-xs text-slate-600">({c.lastReason})</span> : null}
          {c.lastLatencyMs != null ? (
            <span className="ml-1 text-slate-600">in {c.lastLatencyMs.toLocaleString("en-GB")} ms</span>
          ) : null}
        </DetailItem>
        <DetailItem label="Next check">
          {checksOff ? (
            <span data-testid="next-check-off">
              None while {checksOff.kind === "pause" ? "paused" : "in maintenance"}
              {checksOff.until ? ` (until ${checksOff.until})` : checksOff.kind === "pause" ? " (until resumed)" : ""}
            </span>
          ) : (
            <NextCheck
              at={c.nextCheckAt.toISOString()}
              label={when(c.nextCheckAt)}
              dueAtRender={c.nextCheckAt <= now}
            />
          )}
        </DetailItem>
      </dl>
      {c.lastHint && c.status !== "operational" ? (
        <p className="mt-4 rounded-md bg-white/70 p-3 text-sm">
          <span className="font-medium">What to check: </span>
          {c.lastHint}
        </p>
      ) : null}
      {backingOff ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="backoff">
          Checks are backing off: after {c.consecutiveFailures} failed checks in a row they run less often (up to once
          an hour) so a system that is down is not hammered. Use Check now once it is fixed.
        </p>
      ) : null}
    </section>
  );
}
