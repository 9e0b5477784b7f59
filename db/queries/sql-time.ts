import { sql } from "drizzle-orm";

/** Timestamps go in as ISO text: both drivers then agree on the value (a JS Date is serialised differently). */
export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const HOUR_MS = 3_600_000;
/** The start of the UTC hour `d` falls in: where the hourly roll-ups' whole hours begin and end. */
export const utcHourStart = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
