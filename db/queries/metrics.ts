import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { executeRows } from "./execute";

export interface OperatorFigures {
  /** Connectors by status, system and environment, across every organisation. */
  connectors: { status: string; system: string; environment: string; count: number }[];
  /** Connectors whose next check is due (next_check_at < now()). */
  due: number;
  /** Age in seconds of the oldest due connector's next_check_at; 0 when none is due. */
  lagSeconds: number;
  /** Outbox rows still to deliver (neither delivered nor failed), by channel. */
  outboxPending: { channel: string; count: number }[];
}

type Row = {
  kind: "connectors" | "due" | "outbox";
  a: string | null;
  b: string | null;
  c: string | null;
  n: number;
  v: number | null;
};

/**
 * Everything the metrics scrape reads from the database, in one statement across all organisations (an operator's
 * view): a group-by on connectors, an index range on connectors_due_idx, and the outbox's partial due index.
 */
export async function readOperatorFigures(db: DbOrTx): Promise<OperatorFigures> {
  const rows = await executeRows<Row>(
    db,
    sql`select 'connectors' as kind, status::text as a, system_id as b, environment::text as c, count(*)::int as n, null::float8 as v
          from connectors group by status, system_id, environment
        union all
        select 'due', null, null, null, count(*)::int, coalesce(extract(epoch from now() - min(next_check_at)), 0)::float8
          from connectors where next_check_at < now()
        union all
        select 'outbox', kind::text, null, null, count(*)::int, null
          from outbox where delivered_at is null and failed_at is null group by kind`,
  );
  const figures: OperatorFigures = { connectors: [], due: 0, lagSeconds: 0, outboxPending: [] };
  for (const r of rows) {
    if (r.kind === "connectors")
      figures.connectors.push({
        status: r.a ?? "",
        system: r.b ?? "",
        environment: r.c ?? "",
        count: r.n,
      });
    else if (r.kind === "due") {
      figures.due = r.n;
      figures.lagSeconds = Math.max(0, r.v ?? 0);
    } else figures.outboxPending.push({ channel: r.a ?? "", count: r.n });
  }
  return figures;
}
