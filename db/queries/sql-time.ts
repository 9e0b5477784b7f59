import { sql } from "drizzle-orm";

/** Timestamps go in as ISO text: both drivers then agree on the value (a JS Date is serialised differently). */
export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
