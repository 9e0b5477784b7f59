import { Link } from "@/components/ui/link";
import { ResyncForm } from "@/components/sync-reports/resync-form";
import { offersResync, ResyncCell } from "@/components/sync-reports/resync-state";
import { SyncStatusBadge } from "@/components/sync-reports/sync-status-badge";
import type { SyncRunDetails } from "@/lib/connectors/types";
import { resyncStateText, type ResyncState } from "@/lib/resync/state";
import { serviceHref } from "@/lib/services/links";
import { DetailItem, type FormatDate, SummarySection } from "./section";
import { DIRECTION_SHORT } from "@/lib/format/direction-labels";

const RESYNC_FORM = "sync-run-resync";
const n = (v: number) => v.toLocaleString("en-GB");

/** One sync in full: where it ran, when, what it moved, its whole error, and its resync state and control. */
export function SyncRunDetailsView({
  run,
  connectorId,
  when,
  resync,
}: {
  run: SyncRunDetails;
  connectorId: string;
  when: FormatDate;
  resync: { state: ResyncState | undefined; canResync: boolean };
}) {
  const offer = offersResync(run, resync.state, resync.canResync);
  const note = resync.state ? resyncStateText(resync.state, when) : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link
          href={`/connectors/${connectorId}#failed-syncs`}
          className="text-brand-700 underline hover:text-brand-900"
        >
          ← Failed syncs
        </Link>
      </p>
      <SummarySection id="sync-run" title={`Sync ${run.externalId}`}>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <DetailItem label="Status">
            <SyncStatusBadge status={run.status} />
          </DetailItem>
          <DetailItem label="Service">
            <Link href={serviceHref(run.serviceId)} className="font-medium text-brand-700 underline">
              {run.serviceName}
            </Link>{" "}
            <span className="text-slate-600">({DIRECTION_SHORT[run.direction].toLowerCase()})</span>
          </DetailItem>
          <DetailItem label="Started">{when(run.startedAt)}</DetailItem>
          <DetailItem label="Finished">{run.finishedAt ? when(run.finishedAt) : "Did not finish"}</DetailItem>
          <DetailItem label="Transactions pulled">{n(run.pulledCount)}</DetailItem>
          <DetailItem label="Transactions pushed">{n(run.pushedCount)}</DetailItem>
        </dl>
        <h3 className="mb-2 mt-6 text-sm font-medium text-slate-700">Error</h3>
        <pre
          tabIndex={0}
          aria-label="Error message"
          className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-mono text-xs text-slate-800"
        >
          {run.errorMessage ?? "No error message was reported."}
        </pre>
        {note || offer ? (
          <div className="mt-6">
            <h3 className="mb-2 text-sm font-medium text-slate-700">Resync</h3>
            {offer ? (
              <>
                {/* The form's one run: its "Resync" button below sends it (components/sync-reports/resync-form.tsx). */}
                <ResyncForm formId={RESYNC_FORM} label="Resync this sync" single />
                <input type="hidden" name="runId" value={run.id} form={RESYNC_FORM} />
              </>
            ) : null}
            {note ? (
              <ResyncCell
                formId={RESYNC_FORM}
                runId={run.id}
                label={run.externalId}
                note={note}
                status={resync.state?.status}
                offer={false}
              />
            ) : null}
          </div>
        ) : null}
      </SummarySection>
    </div>
  );
}
