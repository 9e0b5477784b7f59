import { eq } from "drizzle-orm";
import { companyGroups, organisations, users } from "@/db/schema";
import { signUpSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { useTestDb } from "../../helpers/db";
import { uniqueEmail } from "../../helpers/factories";

const db = useTestDb();

describe("sign-up", () => {
  it("creates the organisation, its default company group and an administrator with a hashed password", async () => {
    const email = uniqueEmail();
    const input = signUpSchema.parse({ organisationName: "  Acme Outdoor ", name: "Jo", email: email.toUpperCase(), password: "long enough pw" });
    const { orgId, userId } = await signUp(db(), input);

    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org.name).toBe("Acme Outdoor");
    const groups = await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId));
    expect(groups).toEqual([expect.objectContaining({ name: "Default", isDefault: true })]);
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ orgId, role: "administrator", email });
    expect(user.passwordHash).not.toContain("long enough pw");
    expect(await verifyPassword("long enough pw", user.passwordHash)).toBe(true);
  });

  it("refuses a taken e-mail (any case) with a message on the email field, and writes nothing", async () => {
    const email = uniqueEmail();
    await signUp(db(), signUpSchema.parse({ organisationName: "First", name: "A", email, password: "long enough pw" }));
    const before = await db().select().from(organisations);
    const attempt = signUp(db(), signUpSchema.parse({ organisationName: "Second", name: "B", email: email.toUpperCase(), password: "long enough pw" }));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { email: [expect.stringMatching(/already exists/)] } });
    expect(await db().select().from(organisations)).toHaveLength(before.length);
  });

  it("names every invalid field", () => {
    const result = signUpSchema.safeParse({ organisationName: "", name: "", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["email", "name", "organisationName", "password"]);
    expect(result.error!.issues.find((i) => i.path[0] === "email")!.message).toMatch(/valid e-mail/);
  });
});
