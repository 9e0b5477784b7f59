import { eq, inArray } from "drizzle-orm";
import { POST as ingestRoute } from "@/app/api/v1/sync-runs/route";
import { countSyncReport, iterateSyncReport, listSyncReport } from "@/db/queries/sync-report";
import { syncRunReferences, syncRuns } from "@/db/schema";
import { reportCsvCells, REPORT_CSV_HEADER } from "@/lib/sync-reports/csv";
import { filtersToParams, parseReportFilters } from "@/lib/sync-reports/filters";
import { useTestDb } from "../../helpers/db";
import { type ApiOrg, call, makeApiOrg, run } from "../api/api-fixtures";

const db = useTestDb();
let a: ApiOrg;
let b: ApiOrg;
const NOW = new Date();
const post = (org: ApiOrg, runs: unknown[]) =>
  call(ingestRoute, "/api/v1/sync-runs", { method: "POST", token: org.token, json: { runs } });
const referencesOf = async (externalId: string) =>
  (
    await db()
      .select({ reference: syncRunReferences.reference })
      .from(syncRunReferences)
      .innerJoin(syncRuns, eq(syncRuns.id, syncRunReferences.syncRunId))
      .where(eq(syncRuns.externalId, externalId))
      .orderBy(syncRunReferences.reference)
  ).map((r) => r.reference);

const runs: Record<string, ReturnType<typeof run>> = {};
beforeAll(async () => {
  a = await makeApiOrg(db());
  b = await makeApiOrg(db());
  runs.one = run(a.service.id, { status: "failed", references: ["SO-1001", "SKU-1"] });
  runs.two = run(a.service.id, { status: "ok", references: ["SO-1002", " SO-1001 ", "SO-1002"] });
  runs.three = run(a.service.id, { status: "ok", references: ["SO-2000", "SO-10%"] });
  runs.none = run(a.service.id, { status: "ok" });
  expect((await post(a, Object.values(runs))).status).toBe(200);
  expect((await post(b, [run(b.service.id, { references: ["SO-1001"] })])).status).toBe(200);
});

const report = async (params: Record<string, string>) => {
  const filters = parseReportFilters(params, NOW);
  const page = await listSyncReport(db(), { orgId: a.orgId, filters });
  return page.rows.map((r) => r.externalId).sort();
};

describe("references in the ingestion API", () => {
  it("stores them trimmed and once each, and returns them sorted in the report's rows", async () => {
    expect(await referencesOf(runs.one.externalId)).toEqual(["SKU-1", "SO-1001"]);
    expect(await referencesOf(runs.two.externalId)).toEqual(["SO-1001", "SO-1002"]);
    const page = await listSyncReport(db(), { orgId: a.orgId, filters: parseReportFilters({}, NOW) });
    const row = page.rows.find((r) => r.externalId === runs.two.externalId);
    expect(row?.references).toEqual(["SO-1001", "SO-1002"]);
    expect(page.rows.find((r) => r.externalId === runs.none.externalId)?.references).toEqual([]);
  });

  it("replaces them when a run is reported again with references, and keeps them when it is sent without", async () => {
    const again = run(a.service.id);
    await post(a, [{ ...again, references: ["X-1", "X-2"] }]);
    await post(a, [{ ...again, references: ["X-3"] }]);
    expect(await referencesOf(again.externalId)).toEqual(["X-3"]);
    await post(a, [{ ...again, pulled: 99 }]);
    expect(await referencesOf(again.externalId)).toEqual(["X-3"]);
    await post(a, [{ ...again, references: [] }]);
    expect(await referencesOf(again.externalId)).toEqual([]);
  });

  it.each([
    ["not an array", "SO-1", "runs[0].references", "Send `references` as an array of text."],
    [
      "51 references",
      Array.from({ length: 51 }, (_, i) => `R-${i}`),
      "runs[0].references",
      "Use at most 50 references per run.",
    ],
    ["an empty one", ["ok", "   "], "runs[0].references[1]", "Must not be empty."],
    ["201 characters", ["x".repeat(201)], "runs[0].references[0]", "Use at most 200 characters."],
    [
      "a control character",
      ["SO-1\u001b[31m"],
      "runs[0].references[0]",
      "A reference must be one line without control characters (tabs, line breaks, terminal escapes).",
    ],
    ["a number", [12], "runs[0].references[0]", "Use text."],
  ])("refuses %s with a message naming the field, and stores nothing", async (_what, references, field, message) => {
    const bad = run(a.service.id, { references });
    const r = await post(a, [bad]);
    expect(r.status).toBe(422);
    expect(r.json.error.fields).toEqual({ [field]: [message] });
    expect(
      await db()
        .select()
        .from(syncRuns)
        .where(inArray(syncRuns.externalId, [bad.externalId])),
    ).toEqual([]);
  });

  it("accepts 50 references of 200 characters", async () => {
    const full = run(a.service.id, { references: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, "x")) });
    expect((await post(a, [full])).status).toBe(200);
    expect(await referencesOf(full.externalId)).toHaveLength(50);
  });
});

describe("the sync report's Reference search", () => {
  it("matches a reference exactly", async () => {
    expect(await report({ ref: "SO-1001" })).toEqual([runs.one.externalId, runs.two.externalId].sort());
    expect(await report({ ref: "SO-100" })).toEqual([]);
    expect(await report({ ref: "so-1001" })).toEqual([]); // references are compared as sent
  });

  it("matches a prefix with a trailing *, with % and _ taken literally", async () => {
    expect(await report({ ref: "SO-10*" })).toEqual(
      [runs.one.externalId, runs.two.externalId, runs.three.externalId].sort(),
    );
    expect(await report({ ref: "SO-10%*" })).toEqual([runs.three.externalId]);
    expect(await report({ ref: "SO-2*" })).toEqual([runs.three.externalId]);
    expect(await report({ ref: "SO_1*" })).toEqual([]);
  });

  it("combines with the other filters and counts what it shows; another organisation's runs never match", async () => {
    expect(await report({ ref: "SO-10*", status: "failed" })).toEqual([runs.one.externalId]);
    const filters = parseReportFilters({ ref: "SO-1001" }, NOW);
    expect(await countSyncReport(db(), { orgId: a.orgId, filters })).toEqual({ count: 2, capped: false });
    const old = parseReportFilters({ ref: "SO-1001", from: "2024-01-01", to: "2024-01-05" }, NOW);
    expect((await listSyncReport(db(), { orgId: a.orgId, filters: old })).rows).toEqual([]);
    const theirs = await listSyncReport(db(), { orgId: b.orgId, filters });
    expect(theirs.rows).toHaveLength(1);
  });

  it("keeps the search in links and downloads, prefix mode included; ignores control characters", () => {
    expect(filtersToParams(parseReportFilters({ ref: " SO-10* " }, NOW)).get("ref")).toBe("SO-10*");
    expect(filtersToParams(parseReportFilters({ ref: "SO-1001" }, NOW)).get("ref")).toBe("SO-1001");
    const dirty = parseReportFilters({ ref: "SO\u0007" }, NOW);
    expect(dirty.ref).toBeUndefined();
    expect(dirty.notices).toContain("The reference contained control characters, so it was ignored.");
    expect(parseReportFilters({ ref: "*" }, NOW).ref).toBeUndefined();
  });

  it("puts each run's references in the CSV", async () => {
    const filters = parseReportFilters({ ref: "SO-1001" }, NOW);
    const rows = [];
    for await (const row of iterateSyncReport(db(), { orgId: a.orgId, filters })) rows.push(row);
    const column = REPORT_CSV_HEADER.indexOf("References");
    expect(column).toBe(REPORT_CSV_HEADER.length - 1);
    const byId = Object.fromEntries(rows.map((r) => [r.externalId, reportCsvCells(r)[column]]));
    expect(byId).toEqual({ [runs.one.externalId]: "SKU-1; SO-1001", [runs.two.externalId]: "SO-1001; SO-1002" });
  });
});
