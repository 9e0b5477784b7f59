import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  requireUser: () =>
    current
      ? Promise.resolve(current)
      : Promise.reject(Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" })),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { listApiTokens } from "@/db/queries/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { authenticateToken } from "@/lib/api-tokens/authenticate";
import { createApiToken, listTokensFor, revokeApiToken } from "@/lib/api-tokens/manage";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("API tokens (business functions)", () => {
  it("shows the token once and stores only its SHA-256 and a short prefix", async () => {
    const { orgId, admin } = await createOrganisation(db());
    const created = await createApiToken(db(), admin, { name: "Engine" });
    expect(created.token).toMatch(/^pbk_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row.prefix).toBe(created.token.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(12));
    const listed = await listApiTokens(db(), { orgId });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(12));
    expect(listed[0]).not.toHaveProperty("tokenHash");
  });

  it("authenticates a live token, records its use at most once a minute, and stops after revocation", async () => {
    const { orgId, admin } = await createOrganisation(db());
    const { token, id } = await createApiToken(db(), admin, { name: "Engine" });
    expect(await authenticateToken(db(), token)).toEqual({ orgId, tokenId: id });
    const lastUsed = async () => (await db().select().from(apiTokens).where(eq(apiTokens.id, id)))[0].lastUsedAt;
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await authenticateToken(db(), token);
    expect(await lastUsed()).toEqual(first);
    await db()
      .update(apiTokens)
      .set({ lastUsedAt: new Date(Date.now() - 120_000) })
      .where(eq(apiTokens.id, id));
    await authenticateToken(db(), token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 60_000);

    await revokeApiToken(db(), admin, { tokenId: id });
    expect(await authenticateToken(db(), token)).toBeNull();
    await expect(revokeApiToken(db(), admin, { tokenId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("cannot revoke another organisation's token", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const { token, id } = await createApiToken(db(), b.admin, { name: "B engine" });
    await expect(revokeApiToken(db(), a.admin, { tokenId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateToken(db(), token)).toMatchObject({ orgId: b.orgId });
  });

  it("is for administrators only", async () => {
    const { orgId, admin } = await createOrganisation(db());
    const { id } = await createApiToken(db(), admin, { name: "Engine" });
    for (const role of ["manager", "user", "read_only"] as const) {
      const member = await createMember(db(), orgId, role);
      await expect(createApiToken(db(), member, { name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokeApiToken(db(), member, { tokenId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listTokensFor(db(), member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await listApiTokens(db(), { orgId })).toHaveLength(1);
  });
});

describe("API token actions", () => {
  it("returns the plaintext in the creating response only, to administrators only", async () => {
    const { orgId, admin } = await createOrganisation(db());
    current = await createMember(db(), orgId, "manager");
    const refused = await createApiTokenAction({ ok: false }, fd({ name: "Sneaky" }));
    expect(refused).toMatchObject({ ok: false, message: "Your role does not allow this." });
    expect(refused.reveal).toBeUndefined();

    current = admin;
    expect((await createApiTokenAction({ ok: false }, fd({ name: " " }))).fieldErrors).toHaveProperty("name");
    const created = await createApiTokenAction({ ok: false }, fd({ name: "Engine" }));
    expect(created.ok).toBe(true);
    expect(await authenticateToken(db(), created.reveal!.token)).toMatchObject({ orgId });

    const [row] = await listApiTokens(db(), { orgId });
    current = await createMember(db(), orgId, "user");
    expect((await revokeApiTokenAction({ ok: false }, fd({ tokenId: row.id }))).ok).toBe(false);
    current = admin;
    expect(await revokeApiTokenAction({ ok: false }, fd({ tokenId: row.id }))).toMatchObject({ ok: true });
    expect(await authenticateToken(db(), created.reveal!.token)).toBeNull();
  });
});
