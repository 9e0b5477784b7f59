import { eq } from "drizzle-orm";
import { connectors, services } from "@/db/schema";
import { GET as list } from "@/app/api/v1/connectors/route";
import { GET as getOne } from "@/app/api/v1/connectors/[id]/route";
import { POST as ingest } from "@/app/api/v1/sync-runs/route";
import { useTestDb } from "../../helpers/db";
import { createConnector } from "../../helpers/factories";
import {
  type ApiOrg,
  call,
  type ConnectorPage,
  type Handler,
  makeApiOrg,
  type OneConnector,
  run,
} from "./api-fixtures";

const db = useTestDb();
let a: ApiOrg;
let b: ApiOrg;
const hours = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(async () => {
  a = await makeApiOrg(db());
  b = await makeApiOrg(db());
  // Known answers: 24 h = 2 runs (1 ok, 1 failed); 7 d adds 1 sent; a run 8 days old counts nowhere.
  const runs = [
    run(a.service.id, { startedAt: hours(2), finishedAt: hours(1.9), status: "ok", pulled: 5, pushed: 4 }),
    run(a.service.id, { startedAt: hours(3), finishedAt: hours(2.9), status: "failed", pulled: 2, pushed: 0 }),
    run(a.service.id, { startedAt: hours(50), finishedAt: hours(49), status: "sent", pulled: 7, pushed: 7 }),
    run(a.service.id, {
      startedAt: hours(24 * 8),
      finishedAt: hours(24 * 8 - 1),
      status: "failed",
      pulled: 1,
      pushed: 1,
    }),
  ];
  expect(
    (await call(ingest as Handler, "/api/v1/sync-runs", { method: "POST", token: a.token, json: { runs } })).status,
  ).toBe(200);
});

const listAs = (token: string | null, query = "") => call<ConnectorPage>(list, `/api/v1/connectors${query}`, { token });
const getAs = (token: string | null, id: string) =>
  call<OneConnector>(getOne, `/api/v1/connectors/${id}`, { token, params: { id } });

describe("GET /api/v1/connectors/{id}", () => {
  it("shows health and totals of the organisation's connector", async () => {
    const r = await getAs(a.token, a.source.id);
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({
      id: a.source.id,
      name: "Alpha source",
      system: "sandbox",
      environment: "live",
      status: "unknown",
      statusSince: null,
      reason: null,
    });
    expect(r.json.data.totals.last24h).toEqual({
      total: 2,
      ok: 1,
      sent: 0,
      pending: 0,
      failed: 1,
      pulled: 7,
      pushed: 4,
    });
    expect(r.json.data.totals.last7d).toEqual({
      total: 3,
      ok: 1,
      sent: 1,
      pending: 0,
      failed: 1,
      pulled: 14,
      pushed: 11,
    });
  });

  it("answers 404 for another organisation's connector or a malformed id, and 401 without a token", async () => {
    const other = await getAs(a.token, b.source.id);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe("not_found");
    expect(other.text).not.toContain(b.source.name);
    expect((await getAs(a.token, "../../etc")).text).toBe(other.text);
    expect((await getAs(null, a.source.id)).status).toBe(401);
  });
});

describe("GET /api/v1/connectors", () => {
  it("pages through the organisation's connectors by name with a cursor", async () => {
    for (const name of ["delta", "Charlie", "echo", "Foxtrot", "golf"]) {
      await createConnector(db(), a.orgId, {
        systemId: `bench-${name.toLowerCase()}`,
        authType: "api-key",
        credentials: { apiKey: "x" },
        name,
      });
    }
    const names: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const r = await listAs(a.token, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(r.status).toBe(200);
      expect(r.json.data.length).toBeLessThanOrEqual(3);
      names.push(...r.json.data.map((c) => c.name));
      cursor = r.json.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["Alpha source", "Beta destination", "Charlie", "delta", "echo", "Foxtrot", "golf"]);
    const all = await listAs(a.token);
    expect(all.json.nextCursor).toBeNull();
    expect(all.json.data).toHaveLength(7);
  });

  it("gives the same totals as the single-connector answer", async () => {
    const all = await listAs(a.token, "?limit=100");
    for (const c of all.json.data) {
      expect(c.totals).toEqual((await getAs(a.token, c.id)).json.data.totals);
    }
    expect(all.json.data.find((c) => c.id === a.destination.id)!.totals.last7d.total).toBe(3);
  });

  it("never lists another organisation's connectors", async () => {
    const r = await listAs(b.token, "?limit=100");
    expect(r.json.data.map((c) => c.id).sort()).toEqual([b.source.id, b.destination.id].sort());
  });

  it("refuses a bad limit or cursor with 400", async () => {
    for (const q of ["?limit=101", "?limit=0", "?limit=ten"]) {
      const r = await listAs(a.token, q);
      expect(r.status).toBe(400);
      expect(r.json.error.fields).toHaveProperty("limit");
    }
    const bad = await listAs(a.token, "?cursor=%%%");
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty("cursor");
    expect((await listAs(null)).status).toBe(401);
  });
});

describe("secrets", () => {
  it("never returns a credential, in any answer", async () => {
    const stored = await db()
      .select({ credentials: connectors.credentials })
      .from(connectors)
      .where(eq(connectors.orgId, a.orgId));
    const answers = [
      (await listAs(a.token, "?limit=100")).text,
      (await getAs(a.token, a.source.id)).text,
      (await getAs(a.token, a.destination.id)).text,
    ];
    for (const text of answers) {
      for (const secret of [...a.secrets, ...stored.map((s) => s.credentials), a.token])
        expect(text).not.toContain(secret);
      expect(text).not.toMatch(/credential/i);
    }
    expect(await db().select().from(services).where(eq(services.orgId, a.orgId))).toHaveLength(1);
  });
});
