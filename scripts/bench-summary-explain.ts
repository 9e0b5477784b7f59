/**
 * EXPLAIN (ANALYZE, BUFFERS) of every query the summary and list pages run, for bench:summary. The page helpers run
 * once on a drizzle instance whose logger records each statement and its parameters; each is then explained on the
 * same connection. Prints all execution times, then the plans of the slowest.
 */
import { openLoggedDb } from "@/db/logged-db";
import { getLatencySeries, getTimeline, getUptime } from "@/db/queries/connector-history";
import { getImpact, getSyncTotals, listConnectorServices, listFailedSyncs } from "@/db/queries/connector-summary";
import { countConnectorsForList, getConnectorSummary, listConnectorsPage } from "@/db/queries/connectors";
import { findUserByEmail, getSessionUser } from "@/db/queries/users";
import type { SummarySeed } from "./bench-summary-seed";

/** A value as an SQL literal, for EXECUTE's arguments. */
const literal = (v: unknown): string =>
  v === null || v === undefined
    ? "null"
    : typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
      ? String(v)
      : `'${(v instanceof Date ? v.toISOString() : typeof v === "string" ? v : JSON.stringify(v)).replaceAll("'", "''")}'`;

type Captured = { page: "summary" | "list"; label: string; text: string; params: unknown[] };

export async function explainPageQueries(opts: {
  pgliteDir: string | null;
  url?: string;
  seed: SummarySeed;
  plans: number;
  log: (line: string) => void;
}) {
  const { seed, log } = opts;
  const captured: Captured[] = [];
  let current: Pick<Captured, "page" | "label"> = { page: "summary", label: "" };
  const conn = await openLoggedDb(opts, (text, params) => captured.push({ ...current, text, params }));
  try {
    const { db } = conn;
    const user = await findUserByEmail(db, seed.email); // the seed's address is unique to its run
    if (!user) throw new Error("the seeded user is missing");
    const scope = { orgId: seed.orgId, connectorId: seed.heavyId };
    // The page has the connector (its header) before its history: the latency series takes the zone from it.
    const connector = await getConnectorSummary(db, { orgId: seed.orgId, id: seed.heavyId });
    if (!connector) throw new Error("the seeded connector is missing");
    const now = new Date();
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const steps: [Captured["page"], string, () => Promise<unknown>][] = [
      ["summary", "getSessionUser", () => getSessionUser(db, user.id)],
      ["summary", "getConnectorSummary", () => getConnectorSummary(db, { orgId: seed.orgId, id: seed.heavyId })],
      ["summary", "getSyncTotals", () => getSyncTotals(db, { ...scope, now })],
      ["summary", "listConnectorServices", () => listConnectorServices(db, scope)],
      // As the page asks: the last 7 days, newest first, the count known from the totals.
      ["summary", "listFailedSyncs", () => listFailedSyncs(db, { ...scope, since: weekAgo, until: now, total: 50 })],
      ["summary", "getImpact", () => getImpact(db, scope)],
      ["summary", "getUptime", () => getUptime(db, { ...scope, now })],
      [
        "summary",
        "getLatencySeries",
        () => getLatencySeries(db, { ...scope, timeZone: connector.timeZone, now, hours: 168 }),
      ],
      ["summary", "getTimeline", () => getTimeline(db, { ...scope, limit: 7 })],
      // As the page asks: the counts first, which give the page its total.
      ["list", "countConnectorsForList", () => countConnectorsForList(db, { orgId: seed.orgId, environment: "live" })],
      [
        "list",
        "listConnectorsPage",
        () => listConnectorsPage(db, { orgId: seed.orgId, environment: "live", total: 60 }),
      ],
    ];
    captured.length = 0;
    for (const [page, label, run] of steps) {
      current = { page, label };
      await run();
    }
    const explained: (Captured & { plan: string; ms: number; genericMs: number })[] = [];
    const executionMs = (rows: Record<string, unknown>[]) => {
      const plan = rows.map((r) => String(Object.values(r)[0])).join("\n");
      return { plan, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN) };
    };
    for (const q of captured) {
      const { plan, ms } = executionMs((await conn.raw(`explain (analyze, buffers) ${q.text}`, q.params)).rows);
      // A statement the app keeps prepared runs on Postgres's generic plan once that looks no dearer than planning
      // with its values (after 5 executions): the plan it would run then, with the same values.
      await conn.raw(`prepare bench_explain as ${q.text}`, []);
      await conn.raw("set plan_cache_mode = force_generic_plan", []);
      // EXECUTE inside EXPLAIN takes no bound parameters: the values go in as literals (the bench's own data).
      const args = q.params.map(literal).join(", ");
      const generic = executionMs(
        (await conn.raw(`explain (analyze) execute bench_explain${args ? `(${args})` : ""}`, [])).rows,
      );
      await conn.raw("reset plan_cache_mode", []);
      await conn.raw("deallocate bench_explain", []);
      explained.push({ ...q, plan, ms, genericMs: generic.ms });
    }
    log("");
    log("queries of the heaviest summary page and the list page (EXPLAIN ANALYZE execution time, planned with the");
    log("statement's values, and on the generic plan a statement kept prepared may settle on):");
    for (const q of explained)
      log(
        `  ${q.page.padEnd(8)} ${q.label.padEnd(30)} ${q.ms.toFixed(2).padStart(9)} ms  generic ${q.genericMs.toFixed(2).padStart(8)} ms${q.genericMs > 2 * q.ms + 0.2 ? "  SLOWER" : ""}`,
      );
    const worst = (page: Captured["page"], n: number) =>
      explained
        .filter((q) => q.page === page)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, n);
    for (const q of [...worst("summary", opts.plans), ...worst("list", 1)]) {
      log("");
      log(`--- ${q.page} / ${q.label} (${q.ms.toFixed(2)} ms)`);
      log(q.text.replace(/\s+/g, " ").slice(0, 600));
      log(q.plan);
    }
  } finally {
    await conn.close();
  }
}
