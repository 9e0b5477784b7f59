import type { ActiveWindow } from "@/db/queries/maintenance";
import { formatDateTime } from "@/lib/format/date";

/** A window in force as the tile and the summary show it: its end in the connector's zone and date format. */
export const toMaintenanceView = (w: ActiveWindow) => ({
  kind: w.kind,
  reason: w.reason,
  until: w.endsAt ? formatDateTime(w.endsAt, w.timeZone, w.dateFormat) : null,
});
