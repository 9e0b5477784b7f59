import { and, eq, inArray } from "drizzle-orm";
import { syncRuns } from "@/db/schema";
import { revokeApiToken } from "@/lib/api-tokens/manage";
import { generateToken } from "@/lib/api-tokens/token";
import { POST } from "@/app/api/v1/sync-runs/route";
import { MAX_BODY_BYTES } from "@/lib/sync-ingest/schema";
import { useTestDb } from "../../helpers/db";
import { type ApiOrg, call, type IngestCounts, makeApiOrg, run } from "./api-fixtures";

const db = useTestDb();
let a: ApiOrg;
let b: ApiOrg;
beforeAll(async () => {
  a = await makeApiOrg(db());
  b = await makeApiOrg(db());
});

const post = (json: unknown, token: string | null = a.token, init: RequestInit = {}) =>
  call<IngestCounts>(POST, "/api/v1/sync-runs", { method: "POST", token, json, ...init });
const stored = (orgId: string, ids: string[]) =>
  db()
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, orgId), inArray(syncRuns.externalId, ids)));

describe("authentication", () => {
  it("answers 401 with one message for a missing, malformed, unknown or revoked token, and writes nothing", async () => {
    const victim = run(a.service.id);
    const { createApiToken } = await import("@/lib/api-tokens/manage");
    const revoked = await createApiToken(db(), a.admin, { name: "Old" });
    await revokeApiToken(db(), a.admin, { tokenId: revoked.id });
    const answers = await Promise.all(
      [null, "not-a-token", generateToken(), revoked.token].map((t) => post({ runs: [victim] }, t)),
    );
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthenticated");
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(new Set(answers.map((r) => r.text)).size).toBe(1);
    expect(answers.map((r) => r.text).join()).not.toContain(revoked.token);
    expect(await stored(a.orgId, [victim.externalId])).toHaveLength(0);
  });

  it("treats another organisation's service as not found, row by row, and writes nothing", async () => {
    const rows = [run(a.service.id), run(b.service.id), run(a.service.id)];
    const r = await post({ runs: rows });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({ "runs[1].serviceId": ["Service not found."] });
    expect(
      await stored(
        a.orgId,
        rows.map((x) => x.externalId),
      ),
    ).toHaveLength(0);
    expect(
      await stored(
        b.orgId,
        rows.map((x) => x.externalId),
      ),
    ).toHaveLength(0);
  });
});

describe("idempotency", () => {
  it("stores a batch once: a retry changes nothing, a later status updates the run", async () => {
    const rows = [
      run(a.service.id, { status: "pending", finishedAt: null }),
      run(a.service.id),
      run(a.service.id, { status: "sent" }),
    ];
    expect((await post({ runs: rows })).json).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0 });
    const before = await stored(a.orgId, [rows[0].externalId]);
    expect((await post({ runs: rows })).json).toEqual({ received: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect((await stored(a.orgId, [rows[0].externalId]))[0].updatedAt).toEqual(before[0].updatedAt);

    const failed = {
      ...rows[0],
      status: "failed",
      finishedAt: new Date().toISOString(),
      errorMessage: "HTTP 503 from the destination",
    };
    expect((await post({ runs: [failed, rows[1]] })).json).toEqual({
      received: 2,
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const [row] = await stored(a.orgId, [rows[0].externalId]);
    expect(row).toMatchObject({
      status: "failed",
      errorMessage: "HTTP 503 from the destination",
      serviceId: a.service.id,
      pulledCount: 10,
      pushedCount: 9,
    });
    expect(row.finishedAt?.toISOString()).toBe(failed.finishedAt);
  });

  it("keeps external ids apart per organisation", async () => {
    const shared = `shared-${Date.now()}`;
    expect((await post({ runs: [run(a.service.id, { externalId: shared })] })).json.inserted).toBe(1);
    expect((await post({ runs: [run(b.service.id, { externalId: shared })] }, b.token)).json.inserted).toBe(1);
    expect(await stored(a.orgId, [shared])).toHaveLength(1);
    expect(await stored(b.orgId, [shared])).toHaveLength(1);
  });

  it("reads times with their zone", async () => {
    const r = run(a.service.id, { startedAt: "2026-03-01T10:00:00+02:00", finishedAt: "2026-03-01T08:30:00Z" });
    expect((await post({ runs: [r] })).status).toBe(200);
    const [row] = await stored(a.orgId, [r.externalId]);
    expect(row.startedAt.toISOString()).toBe("2026-03-01T08:00:00.000Z");
  });
});

describe("all or none", () => {
  it("reports every bad row by index and field and stores none of the batch", async () => {
    const rows = [
      run(a.service.id),
      run(a.service.id, { status: "done" }),
      run(a.service.id),
      run(a.service.id, { startedAt: "yesterday", pulled: -1 }),
      run(a.service.id, { serviceId: "nope" }),
      run(a.service.id, { startedAt: "2026-03-01T10:00:00Z", finishedAt: "2026-03-01T09:00:00Z" }),
    ];
    const r = await post({ runs: rows });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("validation_failed");
    expect(Object.keys(r.json.error.fields).sort()).toEqual([
      "runs[1].status",
      "runs[3].pulled",
      "runs[3].startedAt",
      "runs[4].serviceId",
      "runs[5].finishedAt",
    ]);
    expect(
      await stored(
        a.orgId,
        rows.map((x) => x.externalId),
      ),
    ).toHaveLength(0);
  });

  it("refuses a batch naming one external id twice", async () => {
    const first = run(a.service.id);
    const r = await post({ runs: [first, run(a.service.id), { ...first, status: "failed" }] });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({
      "runs[2].externalId": ["Appears more than once in this batch (first at runs[0])."],
    });
    expect(await stored(a.orgId, [first.externalId])).toHaveLength(0);
  });

  it("refuses a body without runs, and JSON that does not parse, without echoing it", async () => {
    expect((await post({ rows: [] })).json.error.fields).toHaveProperty("runs");
    expect((await post({ runs: [] })).status).toBe(422);
    const bad = await post(undefined, a.token, { body: '{"runs": [secret-value' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_json");
    expect(bad.text).not.toContain("secret-value");
    const wrongType = await post(undefined, a.token, { body: "{}", headers: { "content-type": "text/plain" } });
    expect(wrongType.status).toBe(415);
  });
});

describe("limits", () => {
  it("accepts 1,000 runs and refuses 1,001 with a 422 on `runs`", async () => {
    const ok = await post({ runs: Array.from({ length: 1000 }, () => run(a.service.id)) });
    expect(ok.json).toMatchObject({ received: 1000, inserted: 1000 });
    const tooMany = Array.from({ length: 1001 }, () => run(a.service.id));
    const r = await post({ runs: tooMany });
    expect(r.status).toBe(422);
    expect(r.json.error.fields.runs[0]).toMatch(/at most 1000/i);
    expect(await stored(a.orgId, [tooMany[0].externalId])).toHaveLength(0);
  });

  it("answers 413 to a body over the cap, declared or streamed", async () => {
    const huge = JSON.stringify({ runs: [run(a.service.id, { errorMessage: "x".repeat(MAX_BODY_BYTES) })] });
    const declared = await post(undefined, a.token, { body: huge });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe("payload_too_large");
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > MAX_BODY_BYTES * 4) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await post(undefined, a.token, { body: stream });
    expect(streamed.status).toBe(413);
    // The reader stopped at the cap instead of swallowing the whole upload.
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });

  it("refuses an error message over 4,000 characters", async () => {
    const r = await post({ runs: [run(a.service.id, { errorMessage: "e".repeat(4001) })] });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toHaveProperty(["runs[0].errorMessage"]);
  });
});
