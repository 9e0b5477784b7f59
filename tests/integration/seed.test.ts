import { sql } from "drizzle-orm";
import { connectors, healthChecks, services, statusEvents, syncRuns, users } from "@/db/schema";
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
  }, 120_000); // seconds on an idle machine; the whole suite runs many files at once

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

  it("shows each of the three statuses through sandbox connectors, with 30 days of checks and chained changes", async () => {
    const rows = await db().select().from(connectors);
    const sandboxes = rows.filter((r) => r.systemId === "sandbox");
    expect(new Set(sandboxes.map((r) => r.status))).toEqual(new Set(["operational", "unreachable", "auth_failed"]));
    const events = await db().select().from(statusEvents);
    const checks = await db().select().from(healthChecks);
    for (const c of sandboxes) {
      // Due at once: the first sweep after start-up checks it against the sandbox and confirms or corrects it.
      expect(c.nextCheckAt.getTime()).toBeLessThanOrEqual(now.getTime());
      const mine = events.filter((e) => e.connectorId === c.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(mine[0].fromStatus).toBe("unknown");
      for (let i = 1; i < mine.length; i++) expect(mine[i].fromStatus).toBe(mine[i - 1].toStatus);
      expect(mine.at(-1)?.toStatus).toBe(c.status);
      expect(mine.at(-1)?.at).toEqual(c.statusSince);
      const own = checks.filter((h) => h.connectorId === c.id);
      expect(own.length).toBeGreaterThan(29 * 24);
      expect(own.every((h) => h.checkedAt < now)).toBe(true);
    }
    // The incident: the sandbox store was down for an hour yesterday, and its service's syncs failed meanwhile.
    const store = sandboxes.find((c) => c.name === "Sandbox store");
    expect(events.filter((e) => e.connectorId === store?.id).map((e) => e.toStatus)).toEqual([
      "operational",
      "unreachable",
      "operational",
    ]);
    const failed = (await db().execute(
      sql`select count(*)::int as n from ${syncRuns} r join ${services} s on s.id = r.service_id
          where s.name = 'Sandbox orders to NetSuite' and r.status = 'failed' and r.error_message like 'The sandbox could not%'`,
    )) as { rows: { n: number }[] };
    expect(failed.rows[0].n).toBeGreaterThan(0);
  });
});
