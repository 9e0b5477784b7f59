import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { rethrowQuietly } from "@/db/errors";
import { getSessionUser } from "@/db/queries/users";
import { authOptions } from "./options";

import type { SessionUser } from "./session-user";

/**
 * The signed-in user, re-read from the database (a removed user or changed role takes effect at once), or null.
 * Once per request: the layout and the page both ask, and each ask decrypts the session (HKDF) and queries the user.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  // Every page asks this first: an unreachable database surfaces as a quiet error (code only) the error page explains.
  return (await getDb().then((db) => getSessionUser(db, id)).catch(rethrowQuietly)) ?? null;
});

/** Every protected page and action calls this first. Signed out: redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
