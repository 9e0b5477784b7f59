import type { Role } from "@/db/schema";

/** Who is acting: loaded from the database on every request, so a changed role or a removed user takes effect at once. */
export interface SessionUser {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  email: string;
  role: Role;
}
