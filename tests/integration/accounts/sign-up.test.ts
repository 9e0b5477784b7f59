import { eq } from "drizzle-orm";
import { companyGroups, organisations, outbox, users } from "@/db/schema";
import { signUpAction } from "@/lib/actions/sign-up";
import { signUpSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { initialFormState } from "@/lib/form-state";
import { useTestDb } from "../../helpers/db";
import { uniqueEmail } from "../../helpers/factories";
import { type MailServer, startMailServer } from "../notifications/mail-server";

const hashCalls: string[] = [];
jest.mock("@/lib/auth/password", () => {
  const actual = jest.requireActual("@/lib/auth/password");
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

describe("sign-up", () => {
  it("creates the organisation, its default company group and an administrator with a hashed password", async () => {
    const email = uniqueEmail();
    const input = signUpSchema.parse({ organisationName: "  Acme Outdoor ", name: "Jo", email: email.toUpperCase(), password: "long enough pw" });
    const { orgId, userId } = (await signUp(db(), input))!;

    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org.name).toBe("Acme Outdoor");
    const groups = await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId));
    expect(groups).toEqual([expect.objectContaining({ name: "Default", isDefault: true })]);
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ orgId, role: "administrator", email });
    expect(user.passwordHash).not.toContain("long enough pw");
    expect(await verifyPassword("long enough pw", user.passwordHash)).toBe(true);
  });

  it("answers a taken e-mail (any case) exactly like a new one, writes no organisation, and e-mails the owner once", async () => {
    const email = uniqueEmail();
    const owner = (await signUp(db(), signUpSchema.parse({ organisationName: "First", name: "A", email, password: "long enough pw" })))!;
    const [before] = await db().select().from(users).where(eq(users.id, owner.userId));
    const orgsBefore = await db().select().from(organisations);

    const fresh = await signUpAction(initialFormState, form({ organisationName: "Other", name: "C", email: uniqueEmail(), password: "long enough pw" }));
    const taken = await signUpAction(initialFormState, form({ organisationName: "Second", name: "B", email: email.toUpperCase(), password: "another long pw" }));
    expect({ ...taken, values: undefined }).toEqual({ ...fresh, values: undefined });
    expect(taken.ok).toBe(true);
    // Only the fresh sign-up created an organisation; the owner's account is untouched.
    expect(await db().select().from(organisations)).toHaveLength(orgsBefore.length + 1);
    const [after] = await db().select().from(users).where(eq(users.id, owner.userId));
    expect(after).toEqual(before);

    // A second attempt within the hour does not mail again (no mail bombing through the sign-up form).
    await signUpAction(initialFormState, form({ organisationName: "Third", name: "B", email, password: "another long pw" }));
    const queued = (await db().select().from(outbox).where(eq(outbox.orgId, owner.orgId))).filter((r) => r.kind === "email");
    expect(queued).toHaveLength(1);
    await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url, from: "Patchbay <alerts@patchbay.test>" }) });
    const [message] = await mail.waitFor(1);
    expect(message.to).toEqual([email]);
    expect(message.subject).toMatch(/Someone tried to sign up with your e-mail address/);
    expect(message.text).toMatch(/Nothing was created and your account was not changed/);
    // Nothing the stranger typed is carried to the owner.
    expect(message.text).not.toMatch(/Second|Third|another long pw/);
  });

  it("hashes the password for a taken e-mail too, so both answers take the same work (bcrypt dominates either path)", async () => {
    const email = uniqueEmail();
    await signUp(db(), signUpSchema.parse({ organisationName: "First", name: "A", email, password: "long enough pw" }));
    hashCalls.length = 0;
    await signUp(db(), signUpSchema.parse({ organisationName: "X Org", name: "B", email, password: "long enough pw" }));
    await signUp(db(), signUpSchema.parse({ organisationName: "X Org", name: "B", email: uniqueEmail(), password: "long enough pw" }));
    expect(hashCalls).toEqual(["long enough pw", "long enough pw"]);
  });

  it("names every invalid field", () => {
    const result = signUpSchema.safeParse({ organisationName: "", name: "", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["email", "name", "organisationName", "password"]);
    expect(result.error!.issues.find((i) => i.path[0] === "email")!.message).toMatch(/valid e-mail/);
  });
});
