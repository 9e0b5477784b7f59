import { sql } from "drizzle-orm";
import { connectors, services, syncRuns, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/sign-in";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { DEMO_CONNECTORS, DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { seedDemo } from "@/lib/seed/seed-demo";
import { useTestDb } from "../helpers/db";

const db = useTestDb();

describe("demo seed", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  beforeAll(async () => {
    expect(await seedDemo(db(), { now })).toBe(true);
  });

  it("is idempotent", async () => {
    expect(await seedDemo(db(), { now })).toBe(false);
    expect(await db().select().from(users)).toHaveLength(DEMO_USERS.length);
  });

  it("creates one user per role who can sign in", async () => {
    for (const u of DEMO_USERS)
      expect(await authenticate(db(), { email: u.email, password: DEMO_PASSWORD, address: "seed-test" })).toMatchObject(
        { ok: true },
      );
    expect(new Set(DEMO_USERS.map((u) => u.role)).size).toBe(4);
  });

  it("stores credentials encrypted: no seeded secret appears in the connectors table, and each decrypts back", async () => {
    const rows = await db().select().from(connectors);
    expect(rows).toHaveLength(DEMO_CONNECTORS.length);
    const dump = JSON.stringify(rows);
    for (const c of DEMO_CONNECTORS)
      for (const value of Object.values(c.credentials)) if (value.length > 8) expect(dump).not.toContain(value);
    for (const row of rows) {
      const expected = DEMO_CONNECTORS.find((c) => c.name === row.name)!;
      expect(decryptCredentials(row.id, row.credentials)).toEqual(expected.credentials);
    }
    expect(new Set(rows.map((r) => r.environment))).toEqual(new Set(["live", "test"]));
  });

  it("has 30 days of sync runs with failures, and an inactive service with none", async () => {
    const result = (await db()
      .execute(sql`select count(*)::int as total, count(*) filter (where status = 'failed')::int as failed,
        min(started_at) as first, max(started_at) as last from ${syncRuns}`)) as {
      rows: { total: number; failed: number; first: string; last: string }[];
    };
    const [stats] = result.rows;
    expect(stats.total).toBeGreaterThan(5000);
    expect(stats.failed / stats.total).toBeGreaterThan(0.01);
    expect(stats.failed / stats.total).toBeLessThan(0.1);
    expect(new Date(stats.first).getTime()).toBeLessThan(now.getTime() - 29 * 86_400_000);
    expect(new Date(stats.last).getTime()).toBeLessThanOrEqual(now.getTime());
    const inactive = (await db().select().from(services)).filter((s) => !s.active);
    expect(inactive).toHaveLength(1);
    const counted = (await db().execute(
      sql`select count(*)::int as n from ${syncRuns} where service_id = ${inactive[0].id}`,
    )) as { rows: { n: number }[] };
    const [{ n }] = counted.rows;
    expect(n).toBe(0);
  });
});
