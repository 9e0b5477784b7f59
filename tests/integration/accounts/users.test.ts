import { eq } from "drizzle-orm";
import { listUsers } from "@/db/queries/users";
import { users } from "@/db/schema";
import { addUserSchema } from "@/lib/accounts/schemas";
import { addUser, changeRole, removeUser } from "@/lib/accounts/users";
import { authenticate } from "@/lib/auth/sign-in";
import type { AppError } from "@/lib/errors";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation, uniqueEmail } from "../../helpers/factories";

const db = useTestDb();

describe("managing users", () => {
  it("an administrator invites a user with a role, who is listed as invited and cannot sign in yet", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const email = uniqueEmail("new");
    // A password typed into the form is not part of an invitation: it is dropped, never stored.
    await addUser(
      db(),
      admin,
      addUserSchema.parse({ name: "New Person", email, role: "manager", password: "initial password 1" }),
    );
    const rows = await listUsers(db(), { orgId });
    expect(rows.find((u) => u.email === email)).toMatchObject({
      role: "manager",
      name: "New Person",
      invitedAt: expect.any(Date),
    });
    expect(await authenticate(db(), { email, password: "initial password 1", address: "10.9.9.1" })).toMatchObject({
      ok: false,
    });
  });

  it("refuses an e-mail that already has an account; for another organisation's user, the answer names no organisation", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const colleague = await createMember(db(), orgId, "user");
    const stranger = await createOrganisation(db(), "Secret Stranger Ltd");
    const mine = addUser(db(), admin, {
      name: "Dup",
      email: colleague.email.toUpperCase(),
      role: "user",
    });
    await expect(mine).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: [expect.stringMatching(/already a user of your organisation/i)] },
    });

    const theirs = await addUser(db(), admin, {
      name: "Dup",
      email: stranger.email,
      role: "user",
    }).catch((e: unknown) => e as AppError);
    expect(theirs).toMatchObject({ code: "CONFLICT", fieldErrors: { email: [expect.any(String)] } });
    const text = JSON.stringify({
      message: (theirs as AppError).message,
      fieldErrors: (theirs as AppError).fieldErrors,
    });
    expect(text).not.toMatch(
      /another organi[sz]ation|other organi[sz]ation|Secret Stranger|already has an account|exists/i,
    );
    // The stranger's account is untouched.
    const [stillThere] = await db().select().from(users).where(eq(users.email, stranger.email));
    expect(stillThere.orgId).toBe(stranger.orgId);
  });

  it.each(["manager", "user", "read_only"] as const)("a %s may not add, re-role or remove users", async (role) => {
    const { orgId, admin } = await createOrganisation(db());
    const member = await createMember(db(), orgId, role);
    await expect(addUser(db(), member, { name: "X", email: uniqueEmail(), role: "user" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(changeRole(db(), member, { userId: admin.id, role: "user" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(removeUser(db(), member, { userId: admin.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [still] = await db().select().from(users).where(eq(users.id, admin.id));
    expect(still.role).toBe("administrator");
  });

  it("changes a role and removes a user", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const member = await createMember(db(), orgId, "user");
    await changeRole(db(), admin, { userId: member.id, role: "read_only" });
    expect((await listUsers(db(), { orgId })).find((u) => u.id === member.id)?.role).toBe("read_only");
    await removeUser(db(), admin, { userId: member.id });
    expect((await listUsers(db(), { orgId })).map((u) => u.id)).not.toContain(member.id);
  });

  it("never removes or demotes the last administrator, but allows it once another exists", async () => {
    const { admin, orgId } = await createOrganisation(db());
    await expect(changeRole(db(), admin, { userId: admin.id, role: "manager" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/last administrator/),
    });
    await expect(removeUser(db(), admin, { userId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await createMember(db(), orgId, "administrator");
    await changeRole(db(), second, { userId: admin.id, role: "manager" });
    await expect(removeUser(db(), second, { userId: second.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("two administrators demoting each other at once leave one administrator", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const second = await createMember(db(), orgId, "administrator");
    const results = await Promise.allSettled([
      changeRole(db(), admin, { userId: second.id, role: "user" }),
      changeRole(db(), second, { userId: admin.id, role: "user" }),
    ]);
    const admins = (await listUsers(db(), { orgId })).filter((u) => u.role === "administrator");
    expect(admins).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });

  it("a user of another organisation is not found, and is not touched", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const victim = await createMember(db(), b.orgId, "user");
    await expect(changeRole(db(), a.admin, { userId: victim.id, role: "administrator" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(removeUser(db(), a.admin, { userId: victim.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listUsers(db(), { orgId: b.orgId })).find((u) => u.id === victim.id)?.role).toBe("user");
    expect((await listUsers(db(), { orgId: a.orgId })).map((u) => u.id)).not.toContain(victim.id);
  });
});
