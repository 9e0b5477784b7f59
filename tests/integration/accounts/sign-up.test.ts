import { createHash, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { eq, sql } from "drizzle-orm";
import { companyGroups, organisations, outbox, pendingSignUps, users } from "@/db/schema";
import { confirmSignUpAction, signUpAction } from "@/lib/actions/sign-up";
import { signUpSchema } from "@/lib/accounts/schemas";
import { confirmSignUp, createOrganisationWithAdmin, findSignUpByToken, signUp } from "@/lib/accounts/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { canDeliverMail, createMailer, SIGN_UP_NEEDS_MAIL } from "@/lib/notifications/mailer";
import { initialFormState } from "@/lib/form-state";
import { useTestDb } from "../../helpers/db";
import { uniqueEmail } from "../../helpers/factories";
import { type MailServer, startMailServer } from "../notifications/mail-server";

const hashCalls: string[] = [];
jest.mock("@/lib/auth/password", () => {
  const actual = jest.requireActual<typeof import("@/lib/auth/password")>("@/lib/auth/password");
  return { ...actual, hashPassword: (password: string) => (hashCalls.push(password), actual.hashPassword(password)) };
});

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
let clients = 0;
/** A sign-up's fields, from a client address of its own (the per-client limit has its own test). */
const input = (email: string, organisationName = "Acme Outdoor", address = `10.88.0.${++clients}`) => ({
  ...signUpSchema.parse({ organisationName, name: "Jo", email, password: "long enough pw" }),
  address,
});

/** Delivers the outbox to the test SMTP server; answers the messages `to` received (all so far, oldest first). */
async function mailsTo(to: string) {
  await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url, from: "Patchbay <alerts@patchbay.test>" }) });
  return mail.messages.filter((m) => m.to.includes(to.toLowerCase()));
}

/** The token of the latest sign-up link e-mailed to `to`. */
async function tokenMailedTo(to: string): Promise<string> {
  const links = (await mailsTo(to))
    .map((m) => /\/signup\/confirm\?token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1])
    .filter(Boolean);
  if (links.length === 0) throw new Error(`no sign-up link mailed to ${to}`);
  return links.at(-1)!;
}

const count = async (table: typeof organisations | typeof users | typeof pendingSignUps | typeof outbox) =>
  (
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
  )[0].n;

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

describe("sign-up", () => {
  it("answers a new and a taken address (any case) identically, and creates no organisation or user before the link is followed", async () => {
    const owner = uniqueEmail();
    await db().transaction((tx) =>
      createOrganisationWithAdmin(tx, { organisationName: "First", name: "A", email: owner, passwordHash: "x" }),
    );
    const orgs = await count(organisations);
    const people = await count(users);
    const fresh = uniqueEmail();

    const a = await signUpAction(
      initialFormState,
      form({ organisationName: "Acme", name: "C", email: fresh, password: "long enough pw" }),
    );
    const b = await signUpAction(
      initialFormState,
      form({ organisationName: "Acme", name: "C", email: owner.toUpperCase(), password: "long enough pw" }),
    );
    expect(a.ok).toBe(true);
    expect(a.message).toBe(
      `Check your inbox: we sent a link to ${fresh} to finish creating Acme. The link works for 24 hours.`,
    );
    // Identical but for the address each one typed.
    expect(JSON.stringify(b).replaceAll(owner, "@")).toBe(JSON.stringify(a).replaceAll(fresh, "@"));
    expect(JSON.stringify(a)).not.toContain("long enough pw");

    expect(await count(organisations)).toBe(orgs);
    expect(await count(users)).toBe(people);
    // A pending sign-up only for the new address; the owner of the taken one hears about the attempt instead.
    const pending = await db().select().from(pendingSignUps);
    expect(pending.map((p) => p.email)).toEqual([fresh]);
    expect(pending[0].passwordHash).not.toContain("long enough pw");
    expect(await verifyPassword("long enough pw", pending[0].passwordHash)).toBe(true);
    const [toOwner] = await mailsTo(owner);
    expect(toOwner.subject).toMatch(/Someone tried to sign up with your e-mail address/);
    expect(toOwner.text).not.toMatch(/Acme|long enough pw/);
    const [toNew] = await mailsTo(fresh);
    expect(toNew.subject).toMatch(/Finish creating your organisation/);
  });

  it("hashes the password for a taken address too, so both answers take the same work (bcrypt dominates either path)", async () => {
    const email = uniqueEmail();
    await db().transaction((tx) =>
      createOrganisationWithAdmin(tx, { organisationName: "First", name: "A", email, passwordHash: "x" }),
    );
    hashCalls.length = 0;
    await signUp(db(), input(email));
    await signUp(db(), input(uniqueEmail()));
    expect(hashCalls).toEqual(["long enough pw", "long enough pw"]);
  });

  it("e-mails a single-use link on APP_URL and keeps only the token's SHA-256: the token is nowhere in the database in clear", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email, "Linked Org"));
    const [message] = await mailsTo(email);
    expect(message.to).toEqual([email]);
    expect(message.text).toContain(`${env.APP_URL.replace(/\/$/, "")}/signup/confirm?token=`);
    expect(message.text).toContain('"Linked Org"');
    const token = await tokenMailedTo(email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const [row] = await db().select().from(pendingSignUps).where(eq(pendingSignUps.email, email));
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const everything = JSON.stringify([await db().select().from(pendingSignUps), await db().select().from(outbox)]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(createHash("sha256").update(token).digest("base64url"));
  });

  it("creates the organisation, its default group and the administrator exactly once, and the used link never works again", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email.toUpperCase(), "Once Org"));
    const token = await tokenMailedTo(email);
    // Opening the link changes nothing (mail scanners prefetch links).
    expect(await findSignUpByToken(db(), token)).toEqual({ organisationName: "Once Org" });
    expect(await findSignUpByToken(db(), token)).toEqual({ organisationName: "Once Org" });
    const orgs = await count(organisations);

    const results = await Promise.all([confirmSignUp(db(), token), confirmSignUp(db(), token)]);
    const created = results.filter(Boolean);
    expect(created).toHaveLength(1);
    const { orgId, userId } = created[0]!;
    expect(await count(organisations)).toBe(orgs + 1);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org.name).toBe("Once Org");
    expect(await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId))).toEqual([
      expect.objectContaining({ name: "Default", isDefault: true }),
    ]);
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ orgId, role: "administrator", email, name: "Jo" });
    expect(await verifyPassword("long enough pw", user.passwordHash)).toBe(true);
    expect(await db().select().from(pendingSignUps).where(eq(pendingSignUps.email, email))).toEqual([]);

    // Replay of the used link: nothing found, nothing created.
    expect(await findSignUpByToken(db(), token)).toBeUndefined();
    expect(await confirmSignUp(db(), token)).toBeUndefined();
    expect(await count(organisations)).toBe(orgs + 1);
  });

  it("the page's button creates the organisation and sends the administrator to sign in; a dead link's button goes back to the calm message", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email));
    const token = await tokenMailedTo(email);
    expect(await redirectOf(() => confirmSignUpAction(form({ token })))).toBe("/login?ready=1");
    expect(await db().select().from(users).where(eq(users.email, email))).toHaveLength(1);
    expect(await redirectOf(() => confirmSignUpAction(form({ token })))).toBe("/signup/confirm");
  });

  it("an expired, an unknown and a malformed token all answer the same and create nothing; expired sign-ups are cleaned up", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email));
    const token = await tokenMailedTo(email);
    await db()
      .update(pendingSignUps)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(pendingSignUps.email, email));
    const orgs = await count(organisations);
    for (const t of [token, randomBytes(32).toString("base64url"), "", "x", `${token}\u0000`, token.slice(0, 42)]) {
      expect(await findSignUpByToken(db(), t)).toBeUndefined();
      expect(await confirmSignUp(db(), t)).toBeUndefined();
    }
    expect(await count(organisations)).toBe(orgs);
    // The next sign-up (any address) removes expired ones.
    await signUp(db(), input(uniqueEmail()));
    expect(await db().select().from(pendingSignUps).where(eq(pendingSignUps.email, email))).toEqual([]);
  });

  it("an address that got an account meanwhile: the link answers like an expired one, creates nothing and is used up", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email, "Late Org"));
    const token = await tokenMailedTo(email);
    await db().transaction((tx) =>
      createOrganisationWithAdmin(tx, {
        organisationName: "Early Org",
        name: "B",
        email: email.toUpperCase(),
        passwordHash: "x",
      }),
    );
    const orgs = await count(organisations);
    expect(await confirmSignUp(db(), token)).toBeUndefined();
    expect(await count(organisations)).toBe(orgs);
    expect(
      await db()
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    ).toHaveLength(1);
    expect(await findSignUpByToken(db(), token)).toBeUndefined();
  });

  it("signing up again replaces the pending sign-up: the old link stops working, its queued mail is dropped; at most 3 links an hour", async () => {
    const email = uniqueEmail();
    await signUp(db(), input(email, "First Try"));
    const first = await tokenMailedTo(email);
    await signUp(db(), input(email, "Second Try"));
    // Queued but replaced before delivery: never sent.
    await signUp(db(), input(email.toUpperCase(), "Third Try"));
    const third = await tokenMailedTo(email);
    expect((await mailsTo(email)).map((m) => /"(.*)"/.exec(m.text)?.[1])).toEqual(["First Try", "Third Try"]);
    expect(
      await db()
        .select()
        .from(pendingSignUps)
        .where(sql`lower(${pendingSignUps.email}) = ${email}`),
    ).toHaveLength(1);
    expect(await findSignUpByToken(db(), first)).toBeUndefined();
    expect(await findSignUpByToken(db(), third)).toEqual({ organisationName: "Third Try" });

    // A fourth within the hour: same answer, but nothing replaced and nothing sent (no mail bombing).
    const answer = await signUpAction(
      initialFormState,
      form({ organisationName: "Fourth Try", name: "Jo", email, password: "long enough pw" }),
    );
    expect(answer.ok).toBe(true);
    expect(await findSignUpByToken(db(), third)).toEqual({ organisationName: "Third Try" });
    expect(await mailsTo(email)).toHaveLength(2);

    // The owner-notice limit is separate and stays at one an hour.
    expect((await confirmSignUp(db(), third))!.email).toBe(email);
    for (let i = 0; i < 3; i++) await signUp(db(), input(email));
    expect((await mailsTo(email)).filter((m) => /Someone tried to sign up/.test(m.subject))).toHaveLength(1);
  });

  it("one client address gets 20 sign-ups an hour, to any addresses; the 21st is refused before any work and writes nothing", async () => {
    const client = "198.51.100.77";
    const emails = Array.from({ length: 20 }, () => uniqueEmail());
    for (const email of emails) await signUp(db(), input(email, "Spam Ltd", client));
    expect(await mailsTo(emails[19])).toHaveLength(1);
    const [hashes, pending, queued] = [hashCalls.length, await count(pendingSignUps), await count(outbox)];
    const last = uniqueEmail();
    await expect(signUp(db(), input(last, "Spam Ltd", client))).rejects.toMatchObject({
      code: "THROTTLED",
      message: expect.stringMatching(/^Too many requests\. Try again in (60|59) minutes\.$/),
    });
    expect([hashCalls.length, await count(pendingSignUps), await count(outbox)]).toEqual([hashes, pending, queued]);
    expect(await mailsTo(last)).toEqual([]);
    // Another client is not held back by this one.
    await signUp(db(), input(last, "Honest Ltd", "198.51.100.78"));
    expect(await mailsTo(last)).toHaveLength(1);
  });

  it("in production without e-mail, sign-up says why it is closed, the same for every address, and stores nothing", async () => {
    expect(canDeliverMail({ smtpUrl: "", production: false })).toBe(true); // development: the link is in the server log
    expect(canDeliverMail({ smtpUrl: "smtp://mail.example.com", production: true })).toBe(true);
    expect(canDeliverMail({ smtpUrl: "", production: true })).toBe(false);
    const settings = env as { NODE_ENV: string; SMTP_URL?: string };
    const saved = { NODE_ENV: settings.NODE_ENV, SMTP_URL: settings.SMTP_URL };
    const owner = uniqueEmail();
    await db().transaction((tx) =>
      createOrganisationWithAdmin(tx, { organisationName: "Closed", name: "A", email: owner, passwordHash: "x" }),
    );
    const before = await count(pendingSignUps);
    try {
      Object.assign(settings, { NODE_ENV: "production", SMTP_URL: undefined });
      const answers = await Promise.all(
        [uniqueEmail(), owner].map((email) =>
          signUpAction(
            initialFormState,
            form({ organisationName: "Acme", name: "C", email, password: "long enough pw" }),
          ),
        ),
      );
      for (const a of answers) expect(a).toMatchObject({ ok: false, message: SIGN_UP_NEEDS_MAIL });
    } finally {
      Object.assign(settings, saved);
    }
    expect(await count(pendingSignUps)).toBe(before);
  });

  it("names every invalid field", () => {
    const result = signUpSchema.safeParse({ organisationName: "", name: "", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["email", "name", "organisationName", "password"]);
    expect(result.error!.issues.find((i) => i.path[0] === "email")!.message).toMatch(/valid e-mail/);
  });
});
