/** Incident data as the database layer declares it, for components (which never import db/). */
export type { IncidentRow } from "@/db/queries/incidents";
