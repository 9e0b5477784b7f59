import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { isDatabaseUnavailable, rethrowQuietly } from "@/db/errors";
import { pingDatabase } from "@/db/queries/ping";
import { getSessionUser } from "@/db/queries/users";
import { reportDatabaseOutage } from "@/lib/database-faults";
import { readSessionClaims } from "./session-token";

import type { SessionUser } from "./session-user";

/**
 * The signed-in user, re-read from the database (a removed user or changed role takes effect at once), or null.
 * The session must also be current: sign-out and a password change move the user's session version on, so a copied
 * cookie stops working everywhere at once. Once per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims(await cookies());
  if (!claims) return null;
  // Every page asks this first: an unreachable database surfaces as a quiet error (code only) the error page explains,
  // and pages answer 503 from the proxy until the database is back.
  const user = await getDb()
    .then((db) => getSessionUser(db, claims.sub, { sessionVersion: claims.sv }))
    .catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) reportDatabaseOutage(() => getDb().then(pingDatabase));
      return rethrowQuietly(error);
    });
  return user ?? null;
});

/** Every protected page and action calls this first. Signed out: redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
