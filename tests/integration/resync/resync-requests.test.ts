import { and, eq, inArray, sql } from "drizzle-orm";
import { POST as claimRoute } from "@/app/api/v1/resync-requests/claim/route";
import { GET as listRoute } from "@/app/api/v1/resync-requests/route";
import { POST as ackRoute } from "@/app/api/v1/resync-requests/[id]/ack/route";
import { POST as ingestRoute } from "@/app/api/v1/sync-runs/route";
import { listResyncStates } from "@/db/queries/resync-requests";
import { auditEvents, outbox, resyncRequests, syncRuns } from "@/db/schema";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { verifySignature } from "@/lib/notifications/signature";
import { registerWebhook } from "@/lib/notifications/webhooks";
import { describeResyncResult, requestResyncs } from "@/lib/resync/request";
import { MAX_RESYNC_BATCH } from "@/lib/resync/limits";
import { requestResyncSchema } from "@/lib/resync/schemas";
import { resyncStateText } from "@/lib/resync/state";
import { useTestDb } from "../../helpers/db";
import { createMember } from "../../helpers/factories";
import { type Emulator, startEmulator } from "../../helpers/vendor-mock";
import { type ApiOrg, call, makeApiOrg, run } from "../api/api-fixtures";

const db = useTestDb();
let a: ApiOrg;
let b: ApiOrg;
beforeAll(async () => {
  a = await makeApiOrg(db());
  b = await makeApiOrg(db());
});

type EngineRequest = { id: string; status: string; acknowledgedAt: string | null; run: { externalId: string } };
type List = { data: EngineRequest[] };

/** Stores runs through the ingest API and answers their database ids, in order. */
async function addRuns(org: ApiOrg, runs: Record<string, unknown>[]) {
  const r = await call(ingestRoute, "/api/v1/sync-runs", {
    method: "POST",
    token: org.token,
    json: { runs },
  });
  expect(r.status).toBe(200);
  const ids = runs.map((x) => x.externalId as string);
  const rows = await db()
    .select({ id: syncRuns.id, externalId: syncRuns.externalId })
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, org.orgId), inArray(syncRuns.externalId, ids)));
  return ids.map((id) => rows.find((row) => row.externalId === id)!.id);
}
const failedRuns = (org: ApiOrg, n: number) =>
  Array.from({ length: n }, () => run(org.service.id, { status: "failed", errorMessage: "HTTP 503" }));

const claim = (org: ApiOrg, json: unknown) =>
  call<List>(claimRoute, "/api/v1/resync-requests/claim", { method: "POST", token: org.token, json });
const list = (org: ApiOrg, query = "?status=pending") =>
  call<List>(listRoute, `/api/v1/resync-requests${query}`, { token: org.token });
const ack = (org: ApiOrg, id: string, json?: unknown) =>
  call<{ data: EngineRequest }>(ackRoute, `/api/v1/resync-requests/${id}/ack`, {
    method: "POST",
    token: org.token,
    params: { id },
    json,
  });
const requestsOf = (runIds: number[]) =>
  db().select().from(resyncRequests).where(inArray(resyncRequests.syncRunId, runIds));
/** Moves a request's times back, as if it had been made `hours` ago. */
const age = (runId: number, hours: number) =>
  db().execute(
    sql`update resync_requests set requested_at = requested_at - ${`${hours} hours`}::interval where sync_run_id = ${runId}`,
  );

describe("asking for a resync", () => {
  it("requests failed runs only, once while open, and says what happened to each run", async () => {
    const [failed, failed2] = await addRuns(a, failedRuns(a, 2));
    const [ok] = await addRuns(a, [run(a.service.id, { status: "ok" })]);
    const [foreign] = await addRuns(b, failedRuns(b, 1));
    const first = await requestResyncs(db(), a.admin, { runIds: [failed, ok, foreign, 999_999_999] });
    expect(Object.fromEntries(first.outcomes)).toEqual({
      [failed]: "requested",
      [ok]: "not_failed",
      [foreign]: "not_found",
      999999999: "not_found",
    });
    expect(first.requested).toBe(1);
    expect(describeResyncResult(first)).toBe(
      "Requested a resync of 1 sync; the sync engine picks it up on its next run. 1 sync has not failed. 2 syncs were not found.",
    );
    const again = await requestResyncs(db(), a.admin, { runIds: [failed, failed2] });
    expect(Object.fromEntries(again.outcomes)).toEqual({ [failed]: "already_open", [failed2]: "requested" });
    expect(await requestsOf([failed, ok, foreign])).toHaveLength(1);
    expect(await requestsOf([foreign])).toHaveLength(0);

    const states = await listResyncStates(db(), { orgId: a.orgId, runIds: [failed, ok] });
    expect([...states.keys()]).toEqual([failed]);
    const state = states.get(failed)!;
    expect(state).toMatchObject({ status: "pending", requestedByName: a.admin.name });
    expect(resyncStateText(state, () => "09:14").text).toBe(`Resync requested 09:14 by ${a.admin.name}`);
    // Another organisation does not see the request.
    expect((await listResyncStates(db(), { orgId: b.orgId, runIds: [failed] })).size).toBe(0);
  });

  it("lets administrators and managers ask; users and read-only users are refused and nothing is stored", async () => {
    const runIds = await addRuns(a, failedRuns(a, 3));
    for (const role of ["user", "read_only"] as const) {
      const member = await createMember(db(), a.orgId, role);
      await expect(requestResyncs(db(), member, { runIds: [runIds[0]] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await requestsOf(runIds)).toHaveLength(0);
    const manager = await createMember(db(), a.orgId, "manager");
    expect((await requestResyncs(db(), manager, { runIds: [runIds[1]] })).requested).toBe(1);
    expect((await requestResyncs(db(), a.admin, { runIds: [runIds[2]] })).requested).toBe(1);
  });

  it("audits each request in the same transaction", async () => {
    const runIds = await addRuns(a, failedRuns(a, 2));
    await requestResyncs(db(), a.admin, { runIds });
    const entries = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, a.orgId), eq(auditEvents.action, "sync.resync_requested")));
    expect(entries.map((e) => e.summary)).toContain("Requested a resync of 2 failed syncs.");
    expect(entries.every((e) => e.actorName)).toBe(true);
  });

  it("expires a request not picked up within 24 hours; the run can then be requested again", async () => {
    const [runId] = await addRuns(a, failedRuns(a, 1));
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    await age(runId, 23);
    expect((await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)?.status).toBe("pending");
    expect((await requestResyncs(db(), a.admin, { runIds: [runId] })).outcomes.get(runId)).toBe("already_open");
    await age(runId, 2);
    const expired = (await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)!;
    expect(expired.status).toBe("expired");
    expect(resyncStateText(expired, String).text).toBe("Expired — request again");
    // Not offered to the engine any more.
    expect((await list(a)).json.data.map((r) => r.run.externalId)).not.toContain(
      (await db().select().from(syncRuns).where(eq(syncRuns.id, runId)))[0].externalId,
    );
    expect((await requestResyncs(db(), a.admin, { runIds: [runId] })).outcomes.get(runId)).toBe("requested");
    const rows = await requestsOf([runId]);
    expect(rows.map((r) => r.status).sort()).toEqual(["expired", "pending"]);
    expect((await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)?.status).toBe("pending");
  });

  it("takes at most 500 runs at once, with a clear message beyond", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(",");
    expect(requestResyncSchema.safeParse({ runIds: ids(MAX_RESYNC_BATCH) }).success).toBe(true);
    const over = requestResyncSchema.safeParse({ runIds: ids(MAX_RESYNC_BATCH + 1) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0].message).toBe(
      "At most 500 syncs can be resynced at once; choose fewer and resync the rest after.",
    );
    expect(requestResyncSchema.safeParse({ runIds: "" }).error?.issues[0].message).toBe(
      "Choose at least one failed sync.",
    );
    expect(requestResyncSchema.safeParse({ runIds: "1,abc" }).success).toBe(false);
  });

  it("requests 500 runs in one go", async () => {
    const runIds = await addRuns(a, failedRuns(a, MAX_RESYNC_BATCH));
    const result = await requestResyncs(db(), a.admin, { runIds });
    expect(result.requested).toBe(MAX_RESYNC_BATCH);
    expect(await requestsOf(runIds)).toHaveLength(MAX_RESYNC_BATCH);
    await db().execute(sql`update resync_requests set status = 'expired' where org_id = ${a.orgId}`);
  });
});

describe("the engine API", () => {
  beforeEach(() =>
    db().execute(sql`update resync_requests set status = 'expired' where status in ('pending', 'claimed')`),
  );

  it("lists pending requests, oldest first, of the token's organisation only", async () => {
    const runs = failedRuns(a, 2);
    const runIds = await addRuns(a, runs);
    await requestResyncs(db(), a.admin, { runIds: [runIds[1]] });
    await requestResyncs(db(), a.admin, { runIds: [runIds[0]] });
    const r = await list(a);
    expect(r.status).toBe(200);
    expect(r.json.data.map((x) => x.run.externalId)).toEqual([runs[1].externalId, runs[0].externalId]);
    expect(r.json.data[0]).toMatchObject({ status: "pending", requestedBy: a.admin.name, claimedBy: null });
    expect((await list(b)).json.data).toEqual([]);
    expect((await list(a, "?status=done")).status).toBe(400);
    expect((await call(listRoute, "/api/v1/resync-requests", { token: null })).status).toBe(401);
  });

  it("gives two workers claiming at once disjoint sets, and nothing to a third", async () => {
    const runIds = await addRuns(a, failedRuns(a, 20));
    await requestResyncs(db(), a.admin, { runIds });
    const [one, two] = await Promise.all([
      claim(a, { limit: 15, leaseSeconds: 60, workerId: "w1" }),
      claim(a, { limit: 15, leaseSeconds: 60, workerId: "w2" }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const ids1 = one.json.data.map((r) => r.id);
    const ids2 = two.json.data.map((r) => r.id);
    expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);
    expect(ids1.length + ids2.length).toBe(20);
    expect(one.json.data.every((r) => r.status === "claimed")).toBe(true);
    expect((await claim(a, { workerId: "w3" })).json.data).toEqual([]);
    expect((await list(a)).json.data).toEqual([]);
    expect((await list(a, "?status=claimed")).json.data).toHaveLength(20);
    const rows = await requestsOf(runIds);
    expect(rows.filter((r) => r.claimedBy === "w1").length).toBe(ids1.length);
  });

  it("makes a claim whose lease ran out without an acknowledgement claimable again", async () => {
    const runIds = await addRuns(a, failedRuns(a, 2));
    await requestResyncs(db(), a.admin, { runIds });
    const first = await claim(a, { limit: 2, leaseSeconds: 10, workerId: "w1" });
    expect(first.json.data).toHaveLength(2);
    expect((await ack(a, first.json.data[0].id)).status).toBe(200);
    await db().execute(
      sql`update resync_requests set lease_until = now() - interval '1 second' where sync_run_id in (${sql.join(
        runIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    const again = await claim(a, { limit: 10, leaseSeconds: 10, workerId: "w2" });
    // Only the unacknowledged one: an acknowledged request is being run.
    expect(again.json.data.map((r) => r.id)).toEqual([first.json.data[1].id]);
  });

  it("refuses a claim without a worker id or with limits out of range, naming the field", async () => {
    const r = await claim(a, { limit: 0, leaseSeconds: 5 });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({
      limit: ["Use at least 1."],
      leaseSeconds: ["Use at least 10."],
      workerId: ["Use a text id of the worker."],
    });
  });

  it("acknowledges a request (picked up); 404 for unknown or another organisation's, 409 once completed", async () => {
    const [runId] = await addRuns(a, failedRuns(a, 1));
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    const [{ id }] = await requestsOf([runId]);
    const r = await ack(a, id, { workerId: "w9" });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ id, status: "claimed", claimedBy: "w9" });
    expect(r.json.data.acknowledgedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const state = (await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)!;
    expect(resyncStateText(state, () => "09:15").text).toBe("Picked up 09:15");
    // Acknowledged requests never expire.
    await age(runId, 48);
    expect((await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)?.status).toBe("claimed");
    expect((await ack(b, id)).status).toBe(404);
    expect((await ack(a, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await ack(a, "not-a-uuid")).status).toBe(404);
    await db().execute(sql`update resync_requests set status = 'completed' where id = ${id}`);
    const done = await ack(a, id);
    expect(done.status).toBe(409);
    expect(done.json.error.message).toBe("The request is already completed.");
  });

  it("answers 409 for an expired request", async () => {
    const [runId] = await addRuns(a, failedRuns(a, 1));
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    await age(runId, 25);
    const [{ id }] = await requestsOf([runId]);
    const r = await ack(a, id);
    expect(r.status).toBe(409);
    expect(r.json.error.message).toMatch(/expired/);
  });
});

describe("completion by the run the engine reports with resyncOf", () => {
  it.each([
    ["ok", "Resynced: ok"],
    ["failed", "Failed again"],
  ] as const)("a %s resync completes the open request (%s)", async (status, text) => {
    const [original] = failedRuns(a, 1);
    const [runId] = await addRuns(a, [original]);
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    const [claimed] = (await claim(a, { limit: 50, workerId: "w1" })).json.data.filter(
      (r) => r.run.externalId === original.externalId,
    );
    await ack(a, claimed.id);
    const resync = run(a.service.id, { status, resyncOf: original.externalId });
    const [newId] = await addRuns(a, [resync]);
    const [row] = await requestsOf([runId]);
    expect(row).toMatchObject({ status: "completed", resultStatus: status, completedByRunId: newId });
    expect(row.completedAt).toBeInstanceOf(Date);
    const state = (await listResyncStates(db(), { orgId: a.orgId, runIds: [runId] })).get(runId)!;
    expect(resyncStateText(state, String).text).toBe(text);
    // The run can be asked for again once its request completed.
    expect((await requestResyncs(db(), a.admin, { runIds: [runId] })).outcomes.get(runId)).toBe("requested");
  });

  it("keeps the request open while the resync run is pending, and completes it when it is reported final", async () => {
    const [original] = failedRuns(a, 1);
    const [runId] = await addRuns(a, [original]);
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    const resync = run(a.service.id, { status: "pending", resyncOf: original.externalId });
    await addRuns(a, [resync]);
    expect((await requestsOf([runId]))[0].status).toBe("pending");
    await addRuns(a, [{ ...resync, status: "ok" }]);
    expect((await requestsOf([runId]))[0]).toMatchObject({ status: "completed", resultStatus: "ok" });
  });

  it("does not complete another organisation's request, and refuses a run that resyncs itself", async () => {
    const [original] = failedRuns(a, 1);
    const [runId] = await addRuns(a, [original]);
    await requestResyncs(db(), a.admin, { runIds: [runId] });
    await addRuns(b, [run(b.service.id, { status: "ok", resyncOf: original.externalId })]);
    expect((await requestsOf([runId]))[0].status).toBe("pending");
    const self = run(a.service.id, { status: "ok" });
    const r = await call(ingestRoute, "/api/v1/sync-runs", {
      method: "POST",
      token: a.token,
      json: { runs: [{ ...self, resyncOf: self.externalId }] },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({
      "runs[0].resyncOf": ["A run cannot resync itself: use the externalId of the failed run."],
    });
  });
});

describe("the sync.resync_requested webhook event", () => {
  let receiver: Emulator;
  beforeAll(async () => {
    receiver = await startEmulator();
  });
  afterAll(() => receiver.close());

  it("is enqueued with the request and delivered signed", async () => {
    const org = await makeApiOrg(db());
    const { secret } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/hook` },
      { allowPrivateNetworks: true },
    );
    const [original] = failedRuns(org, 1);
    const [runId] = await addRuns(org, [original]);
    await requestResyncs(db(), org.admin, { runIds: [runId] }, { appUrl: "https://patchbay.example.com" });
    const queued = await db().select().from(outbox).where(eq(outbox.orgId, org.orgId));
    expect(queued).toHaveLength(1);
    expect(queued[0].kind).toBe("webhook");

    const quietMailer = { send: () => Promise.resolve(), close: () => undefined };
    expect(await deliverOutbox(db(), { mailer: quietMailer, allowPrivateNetworks: true })).toMatchObject({
      delivered: 1,
    });
    const req = receiver.requests.find((r) => r.path === "/hook")!;
    expect(req.headers["patchbay-event"]).toBe("sync.resync_requested");
    expect(verifySignature(secret, req.body, String(req.headers["patchbay-signature"]))).toBe(true);
    expect(verifySignature("whsec_wrong", req.body, String(req.headers["patchbay-signature"]))).toBe(false);
    const [request] = await requestsOf([runId]);
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      event: "sync.resync_requested",
      request: { id: request.id, requestedBy: org.admin.name },
      run: {
        externalId: original.externalId,
        serviceId: org.service.id,
        serviceName: "Orders",
        status: "failed",
        startedAt: new Date(original.startedAt).toISOString(),
      },
    });
    expect(req.headers["patchbay-event-id"]).toBe(body.id);
    expect(String(body.url)).toMatch(/^https:\/\/patchbay\.example\.com\/sync-reports\?from=/);
  });

  it("is not enqueued when nothing was requested", async () => {
    const org = await makeApiOrg(db());
    await registerWebhook(db(), org.admin, { url: `${receiver.origin}/hook` }, { allowPrivateNetworks: true });
    const [okRun] = await addRuns(org, [run(org.service.id, { status: "ok" })]);
    await requestResyncs(db(), org.admin, { runIds: [okRun] });
    expect(await db().select().from(outbox).where(eq(outbox.orgId, org.orgId))).toHaveLength(0);
  });
});
