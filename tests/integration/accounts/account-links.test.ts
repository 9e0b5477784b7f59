import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { eq, sql } from "drizzle-orm";
import { accountLinks, outbox, users } from "@/db/schema";
import { acceptInvitationAction, forgotPasswordAction, resetPasswordAction } from "@/lib/actions/account-links";
import { acceptInvitation, findInvitationByToken, resendInvitation } from "@/lib/accounts/invitations";
import {
  findPasswordResetByToken,
  FORGOT_PASSWORD_ANSWER,
  requestPasswordReset,
  resetPassword,
} from "@/lib/accounts/password-reset";
import { addUser } from "@/lib/accounts/users";
import { authenticate } from "@/lib/auth/sign-in";
import { initialFormState } from "@/lib/form-state";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation, uniqueEmail } from "../../helpers/factories";
import { type MailServer, startMailServer } from "../notifications/mail-server";

const db = useTestDb();
let mail: MailServer;
beforeAll(async () => {
  mail = await startMailServer();
});
afterAll(() => mail.close());

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Delivers the outbox to the test SMTP server; answers the messages `to` received (all so far, oldest first). */
async function mailsTo(to: string) {
  await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url, from: "Patchbay <alerts@patchbay.test>" }) });
  return mail.messages.filter((m) => m.to.includes(to.toLowerCase()));
}

/** The tokens of the links of `path` e-mailed to `to`, oldest first. */
async function tokensMailedTo(to: string, path: "/reset-password" | "/invitation"): Promise<string[]> {
  const pattern = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
  return (await mailsTo(to)).map((m) => pattern.exec(m.text)?.[1]).filter((t): t is string => Boolean(t));
}

/** Where a redirect() thrown by a server action goes. */
async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e as { digest?: string },
  );
  const digest = error?.digest ?? "";
  if (!digest.startsWith("NEXT_REDIRECT")) throw new Error(`expected a redirect, got ${inspect(error)}`);
  return digest.split(";")[2];
}

const sessionVersionOf = async (userId: string) =>
  (await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0].v;

let address = 0;
/** A fresh client address per test, so the per-address limit of one test never touches another. */
const nextAddress = () => `10.77.0.${++address}`;

describe("forgotten password", () => {
  it("answers a known and an unknown address the same; only the account's owner gets a link", async () => {
    const { admin, email } = await createOrganisation(db());
    const unknown = uniqueEmail("nobody");
    const a = await forgotPasswordAction(initialFormState, form({ email }));
    const b = await forgotPasswordAction(initialFormState, form({ email: unknown }));
    expect(a).toEqual({ ok: true, message: FORGOT_PASSWORD_ANSWER });
    expect(b).toEqual(a);
    expect(await tokensMailedTo(email, "/reset-password")).toHaveLength(1);
    expect(await mailsTo(unknown)).toHaveLength(0);
    const [link] = await db().select().from(accountLinks).where(eq(accountLinks.userId, admin.id));
    expect(link.purpose).toBe("password_reset");
    // Valid for 30 minutes.
    const minutes = (link.expiresAt.getTime() - link.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(30, 1);
  });

  it("keeps only the token's SHA-256: neither the table nor the queued e-mail holds the link in clear", async () => {
    const { admin, email } = await createOrganisation(db());
    await requestPasswordReset(db(), { email, address: nextAddress() });
    const queued = await db()
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(sql`${outbox.payload} ? 'accountLinkMail'`);
    const [token] = await tokensMailedTo(email, "/reset-password");
    const [link] = await db().select().from(accountLinks).where(eq(accountLinks.userId, admin.id));
    expect(link.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(await db().select().from(accountLinks))).not.toContain(token);
    expect(JSON.stringify(queued)).not.toContain(token);
    expect(JSON.stringify(queued)).not.toContain("reset-password");
  });

  it("sets the new password once: the link is single use, the old password stops working and every session ends", async () => {
    const { admin, email } = await createOrganisation(db());
    const before = await sessionVersionOf(admin.id);
    await requestPasswordReset(db(), { email, address: nextAddress() });
    const [token] = await tokensMailedTo(email, "/reset-password");
    expect(await findPasswordResetByToken(db(), token)).toEqual({ email });
    const target = await redirectOf(() =>
      resetPasswordAction(initialFormState, form({ token, password: "a brand new password" })),
    );
    expect(target).toBe("/login?reset=1");
    expect(await sessionVersionOf(admin.id)).toBe(before + 1);
    expect(await authenticate(db(), { email, password: "a brand new password", address: nextAddress() })).toMatchObject(
      {
        ok: true,
      },
    );
    expect(
      await authenticate(db(), { email, password: "correct horse battery", address: nextAddress() }),
    ).toMatchObject({
      ok: false,
    });
    // Used up: the page and the form both refuse it, and the password stays as set.
    expect(await findPasswordResetByToken(db(), token)).toBeUndefined();
    expect(await resetPassword(db(), { token, password: "yet another password" })).toBeUndefined();
    const again = await resetPasswordAction(initialFormState, form({ token, password: "yet another password" }));
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/no longer works/) });
    expect(await authenticate(db(), { email, password: "a brand new password", address: nextAddress() })).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it("refuses an expired link, and a link replaced by a newer one; a replaced link's queued e-mail is not sent", async () => {
    const { admin, email } = await createOrganisation(db());
    await requestPasswordReset(db(), { email, address: nextAddress() });
    const [first] = await tokensMailedTo(email, "/reset-password");
    await db()
      .update(accountLinks)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountLinks.userId, admin.id));
    expect(await findPasswordResetByToken(db(), first)).toBeUndefined();
    expect(await resetPassword(db(), { token: first, password: "a brand new password" })).toBeUndefined();

    await requestPasswordReset(db(), { email, address: nextAddress() }); // queued, not yet delivered
    await requestPasswordReset(db(), { email, address: nextAddress() }); // replaces it
    const tokens = await tokensMailedTo(email, "/reset-password");
    expect(tokens).toHaveLength(2); // the first link's mail and the latest one's; the replaced one was dropped
    const latest = tokens[1];
    expect(await resetPassword(db(), { token: latest, password: "a brand new password" })).toEqual({ email });
    expect(await resetPassword(db(), { token: "x".repeat(43), password: "a brand new password" })).toBeUndefined();
  });

  it("is rate-limited: per address typed silently (same answer, no more mail), per client address with a message", async () => {
    const { email } = await createOrganisation(db());
    const from = nextAddress();
    for (let i = 0; i < 5; i++) {
      await requestPasswordReset(db(), { email, address: from });
      await mailsTo(email); // each link's mail goes out before the next request replaces the link
    }
    expect(await tokensMailedTo(email, "/reset-password")).toHaveLength(3);

    const flood = nextAddress();
    for (let i = 0; i < 20; i++) await requestPasswordReset(db(), { email: uniqueEmail("spray"), address: flood });
    await expect(requestPasswordReset(db(), { email: uniqueEmail("spray"), address: flood })).rejects.toMatchObject({
      code: "THROTTLED",
      message: expect.stringMatching(/^Too many requests\. Try again in \d+ minutes?\.$/),
    });
  });

  it("sends nothing to an invited user who has not joined (their invitation is the way in)", async () => {
    const { admin } = await createOrganisation(db());
    const email = uniqueEmail("invitee");
    await addUser(db(), admin, { name: "Ivy", email, role: "user" });
    await requestPasswordReset(db(), { email, address: nextAddress() });
    expect(await tokensMailedTo(email, "/reset-password")).toHaveLength(0);
  });
});

describe("invitations", () => {
  it("an invited user cannot sign in until they choose a password through the link, which then works once", async () => {
    const { admin } = await createOrganisation(db(), "Invite Co");
    const email = uniqueEmail("invitee");
    await addUser(db(), admin, { name: "Ivy Invitee", email, role: "manager" });
    const [invited] = await db().select().from(users).where(eq(users.email, email));
    expect(invited.invitedAt).not.toBeNull();

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("[Patchbay] First Admin invited you to Invite Co");
    const [token] = await tokensMailedTo(email, "/invitation");
    const [link] = await db().select().from(accountLinks).where(eq(accountLinks.userId, invited.id));
    expect(link.tokenHash).toBe(sha256(token));
    expect((link.expiresAt.getTime() - link.createdAt.getTime()) / 86_400_000).toBeCloseTo(7, 3);
    expect(await findInvitationByToken(db(), token)).toEqual({ name: "Ivy Invitee", email, orgName: "Invite Co" });

    // Nothing the invitee could type signs them in yet.
    expect(await authenticate(db(), { email, password: "", address: nextAddress() })).toMatchObject({ ok: false });

    const target = await redirectOf(() =>
      acceptInvitationAction(initialFormState, form({ token, password: "ivy's own password" })),
    );
    expect(target).toBe("/login?joined=1");
    const [joined] = await db().select().from(users).where(eq(users.id, invited.id));
    expect(joined.invitedAt).toBeNull();
    expect(joined.role).toBe("manager");
    expect(await authenticate(db(), { email, password: "ivy's own password", address: nextAddress() })).toMatchObject({
      ok: true,
      userId: invited.id,
    });
    expect(await acceptInvitation(db(), { token, password: "taken over password" })).toBeUndefined();
    expect(await findInvitationByToken(db(), token)).toBeUndefined();
  });

  it("resending replaces the link; an accepted invitation cannot be resent; an expired one no longer works", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const email = uniqueEmail("invitee");
    const { id } = await addUser(db(), admin, { name: "Rex", email, role: "user" });
    const [first] = await tokensMailedTo(email, "/invitation");
    await resendInvitation(db(), admin, { userId: id });
    const [, second] = await tokensMailedTo(email, "/invitation");
    expect(second).toBeDefined();
    expect(await acceptInvitation(db(), { token: first, password: "rex password 1" })).toBeUndefined();

    await db()
      .update(accountLinks)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountLinks.userId, id));
    expect(await acceptInvitation(db(), { token: second, password: "rex password 1" })).toBeUndefined();

    await resendInvitation(db(), admin, { userId: id });
    const third = (await tokensMailedTo(email, "/invitation")).at(-1)!;
    expect(await acceptInvitation(db(), { token: third, password: "rex password 1" })).toEqual({ email });
    await expect(resendInvitation(db(), admin, { userId: id })).rejects.toMatchObject({ code: "CONFLICT" });

    const manager = await createMember(db(), orgId, "manager");
    await expect(resendInvitation(db(), manager, { userId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createOrganisation(db());
    await expect(resendInvitation(db(), other.admin, { userId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a reset or an invitation link does not open the other", async () => {
    const { admin, email: adminEmail } = await createOrganisation(db());
    const email = uniqueEmail("invitee");
    await addUser(db(), admin, { name: "Cross", email, role: "user" });
    const [invite] = await tokensMailedTo(email, "/invitation");
    expect(await resetPassword(db(), { token: invite, password: "cross password 1" })).toBeUndefined();
    await requestPasswordReset(db(), { email: adminEmail, address: nextAddress() });
    const [reset] = await tokensMailedTo(adminEmail, "/reset-password");
    expect(await acceptInvitation(db(), { token: reset, password: "cross password 1" })).toBeUndefined();
  });
});
