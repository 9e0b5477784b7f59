/**
 * What the error pages (client components) need to recognise and word an unreachable database, apart from
 * lib/database-faults.ts, which logs and so belongs on the server only.
 */
/** The digest the pages' error boundary recognises (set by db/errors.ts on a DatabaseUnavailableError). */
export { DATABASE_UNAVAILABLE_DIGEST } from "@/db/errors";

/** What people are told, wherever they are, when the database cannot be reached (db/errors.ts decides). */
export const DATABASE_UNAVAILABLE_MESSAGE = "Patchbay cannot reach its database right now. Try again in a minute.";
