/** Pause and maintenance data as the database layer declares it, for components (which never import db/). */
export type { ActiveWindow, WindowRow as MaintenanceWindowView } from "@/db/queries/maintenance";
export type { MaintenanceKind } from "@/db/schema/maintenance";

/** What a tile and the summary call the state. */
export const MAINTENANCE_LABELS = { pause: "Paused", maintenance: "In maintenance" } as const;
