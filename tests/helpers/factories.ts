import type { Db } from "@/db";
import { getSessionUser } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { users } from "@/db/schema";
import { createOrganisationWithAdmin } from "@/lib/accounts/sign-up";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";

let n = 0;
export const uniqueEmail = (prefix = "person") => `${prefix}.${Date.now().toString(36)}.${++n}@example.com`;

/** A new organisation with its administrator, as a followed sign-up link creates it. */
export async function createOrganisation(db: Db, name = `Org ${++n}`) {
  const email = uniqueEmail("admin");
  const passwordHash = await hashPassword("correct horse battery");
  const { userId, orgId } = await db.transaction((tx) =>
    createOrganisationWithAdmin(tx, { organisationName: name, name: "First Admin", email, passwordHash }),
  );
  return { orgId, admin: (await getSessionUser(db, userId))!, email };
}

export async function createMember(db: Db, orgId: string, role: Role): Promise<SessionUser> {
  const [row] = await db
    .insert(users)
    .values({
      orgId,
      role,
      email: uniqueEmail(role),
      name: `A ${role}`,
      passwordHash: await hashPassword("correct horse battery"),
    })
    .returning({ id: users.id });
  return (await getSessionUser(db, row.id))!;
}

/** A connector row with encrypted credentials, in the organisation's default group unless told otherwise. */
export async function createConnector(
  db: Db,
  orgId: string,
  input: {
    systemId: string;
    authType: string;
    credentials: Record<string, string>;
    name?: string;
    environment?: "live" | "test";
    companyGroupId?: string;
  },
) {
  const { randomUUID } = await import("node:crypto");
  const { and, eq } = await import("drizzle-orm");
  const { companyGroups, connectors } = await import("@/db/schema");
  const { encryptCredentials } = await import("@/lib/crypto/credentials");
  const groupId =
    input.companyGroupId ??
    (
      await db
        .select()
        .from(companyGroups)
        .where(and(eq(companyGroups.orgId, orgId), eq(companyGroups.isDefault, true)))
    )[0].id;
  const id = randomUUID();
  const [row] = await db
    .insert(connectors)
    .values({
      id,
      orgId,
      companyGroupId: groupId,
      systemId: input.systemId,
      authType: input.authType,
      environment: input.environment ?? "live",
      name: input.name ?? `${input.systemId} ${++n}`,
      ...encryptCredentials(id, input.credentials),
    })
    .returning();
  return row;
}
