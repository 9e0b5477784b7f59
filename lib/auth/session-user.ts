/** Who is acting: the shape is declared next to the query that loads it (db/queries/users.ts). */
export type { SessionUser } from "@/db/queries/users";
