import type { z } from "zod";
import type { Db, Tx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import {
  deleteUser,
  findUserByEmail,
  insertUsers,
  lockOtherAdministrators,
  lockUser,
  setUserRole,
} from "@/db/queries/users";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { sendInvitation, unusablePasswordHash } from "./invitations";
import type { addUserSchema, changeRoleSchema, removeUserSchema } from "./schemas";

/**
 * An address that already has an account. In this organisation the administrator can see that person in the list, so
 * say so; anywhere else the answer names no organisation and no user (e-mails are unique across Patchbay, so the
 * address cannot be used, and that is all an administrator needs to know: use another address for this person).
 */
const emailTaken = (inThisOrganisation: boolean) =>
  inThisOrganisation
    ? new AppError("CONFLICT", "That person is already a user here.", {
        email: ["Already a user of your organisation: see the list above."],
      })
    : new AppError("CONFLICT", "That e-mail address cannot be used.", {
        email: ["This address cannot be used for a new user. Use another work address for this person."],
      });

/**
 * Invites a person: the user is created pending (no password anyone knows; cannot sign in) and gets an e-mail with a
 * single-use link to choose their password, in one transaction. The Users page shows them as "Invited" until then.
 */
export async function addUser(db: Db, actor: SessionUser, input: z.output<typeof addUserSchema>) {
  if (!can(actor, "users.manage")) throw forbidden();
  const existing = await findUserByEmail(db, input.email);
  if (existing) throw emailTaken(existing.orgId === actor.orgId);
  const passwordHash = await unusablePasswordHash();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await insertUsers(tx, [
        {
          orgId: actor.orgId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          invitedAt: new Date(),
        },
      ]);
      await sendInvitation(tx, {
        orgId: actor.orgId,
        orgName: actor.orgName,
        userId: row.id,
        name: input.name,
        invitedBy: actor.name,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_uq"))
      throw emailTaken((await findUserByEmail(db, input.email))?.orgId === actor.orgId);
    throw error;
  }
}

/**
 * Locks the organisation's administrators, then refuses a change that would leave none. The lock makes two
 * concurrent demotions of the last two administrators safe.
 */
async function assertAnotherAdministrator(tx: Tx, orgId: string, userId: string, what: string) {
  const others = await lockOtherAdministrators(tx, { orgId, exceptId: userId });
  if (others.length === 0)
    throw new AppError(
      "CONFLICT",
      `The last administrator cannot be ${what}. Make someone else an administrator first.`,
    );
}

async function lockTarget(tx: Tx, orgId: string, userId: string) {
  const target = await lockUser(tx, { orgId, userId });
  if (!target) throw notFound("User");
  return target;
}

export async function changeRole(db: Db, actor: SessionUser, input: z.output<typeof changeRoleSchema>) {
  if (!can(actor, "users.manage")) throw forbidden();
  await db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor.orgId, input.userId);
    if (target.role === input.role) return;
    if (target.role === "administrator") await assertAnotherAdministrator(tx, actor.orgId, target.id, "demoted");
    await setUserRole(tx, { orgId: actor.orgId, userId: target.id, role: input.role });
  });
}

export async function removeUser(db: Db, actor: SessionUser, input: z.output<typeof removeUserSchema>) {
  if (!can(actor, "users.manage")) throw forbidden();
  await db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor.orgId, input.userId);
    if (target.role === "administrator") await assertAnotherAdministrator(tx, actor.orgId, target.id, "removed");
    await deleteUser(tx, { orgId: actor.orgId, userId: target.id });
  });
}
