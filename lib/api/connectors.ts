import { z } from "zod";
import type { Db } from "@/db";
import { type ApiConnectorRow, getApiConnector, listConnectorsPage } from "@/db/queries/api-connectors";
import { getSyncTotals } from "@/db/queries/connector-summary";
import { type SyncTotals, syncTotalsByConnector } from "@/db/queries/sync-totals";
import { CONNECTOR_STATUSES, ENVIRONMENTS } from "@/db/schema";
import { isCleanText } from "@/lib/validation/text";
import { ApiError, apiNotFound, zodFields } from "./errors";

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 50;

const countOf = (what: string) => z.int().min(0).describe(what);
const syncTotalsSchema = z
  .object({
    total: countOf("Runs started in the window."),
    ok: countOf("Runs with status ok."),
    sent: countOf("Runs with status sent."),
    pending: countOf("Runs with status pending."),
    failed: countOf("Runs with status failed."),
    pulled: countOf("Records pulled by those runs."),
    pushed: countOf("Records pushed by those runs."),
  })
  .meta({ id: "SyncTotals" });

/** The API's view of a connector (the response schema of the OpenAPI document; toApiConnector is typed through it). */
export const apiConnectorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    system: z.string().describe("The system's id, e.g. `sandbox`, `shopify`."),
    environment: z.enum(ENVIRONMENTS),
    status: z.enum(CONNECTOR_STATUSES).describe("The result of the latest health check."),
    statusSince: z.iso.datetime().nullable().describe("When the status last changed; null before the first check."),
    lastCheckedAt: z.iso.datetime().nullable(),
    reason: z.string().nullable().describe("Machine-readable reason of the latest failed check."),
    message: z.string().nullable().describe("What the latest check found, for people."),
    hint: z.string().nullable().describe("What to do about it."),
    totals: z
      .object({ last24h: syncTotalsSchema, last7d: syncTotalsSchema })
      .describe("Sync runs of services using this connector (as source or destination), by start time."),
  })
  .meta({ id: "Connector" });
export type ApiConnector = z.infer<typeof apiConnectorSchema>;

export const connectorPageSchema = z
  .object({
    data: z.array(apiConnectorSchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "ConnectorPage" });
export const oneConnectorSchema = z.object({ data: apiConnectorSchema }).meta({ id: "OneConnector" });

/** The API's view of a connector: what an engine needs to decide whether to push to it. Never a credential. */
function toApiConnector(row: ApiConnectorRow, totals: { day: SyncTotals; week: SyncTotals }): ApiConnector {
  return {
    id: row.id,
    name: row.name,
    system: row.systemId,
    environment: row.environment,
    status: row.status,
    statusSince: row.statusSince?.toISOString() ?? null,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    reason: row.lastReason,
    message: row.lastMessage,
    hint: row.lastHint,
    totals: { last24h: totals.day, last7d: totals.week },
  };
}

// The cursor is opaque to clients: base64url of the last row's sort key, so its format can change without notice.
const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ k: key })).toString("base64url");
function decodeCursor(cursor: string): string {
  try {
    const { k } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { k?: unknown };
    if (typeof k === "string" && isCleanText(k)) return k;
  } catch {
    // not base64url JSON: the same answer as any other bad cursor, below
  }
  throw new ApiError(400, "invalid_request", "The query is not valid.", {
    cursor: ["Use the nextCursor of a previous page."],
  });
}

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int("Use a whole number.")
    .min(1, "Use at least 1.")
    .max(MAX_PAGE_SIZE, `Use at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE)
    .describe("Connectors per page."),
  cursor: z.string().max(2_000).optional().describe("The `nextCursor` of the previous page (opaque)."),
});

export async function listApiConnectors(
  db: Db,
  { orgId, searchParams }: { orgId: string; searchParams: URLSearchParams },
): Promise<z.infer<typeof connectorPageSchema>> {
  const parsed = pageQuerySchema.safeParse({
    limit: searchParams.get("limit") ?? undefined,
    cursor: searchParams.get("cursor") ?? undefined,
  });
  if (!parsed.success) throw new ApiError(400, "invalid_request", "The query is not valid.", zodFields(parsed.error));
  const { limit, cursor } = parsed.data;
  const page = await listConnectorsPage(db, {
    orgId,
    limit,
    after: cursor === undefined ? undefined : decodeCursor(cursor),
  });
  const totals = await syncTotalsByConnector(db, { orgId, ids: page.rows.map((r) => r.id) });
  return {
    data: page.rows.map((row) => {
      const rowTotals = totals.get(row.id);
      if (!rowTotals) throw new Error(`No sync totals for connector ${row.id}`); // the map holds every id it was given
      return toApiConnector(row, rowTotals);
    }),
    nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter),
  };
}

export async function getApiConnectorView(db: Db, { orgId, id }: { orgId: string; id: string }) {
  // A malformed id is as unknown as another organisation's: same 404, no hint that the format was the problem.
  const row = z.uuid().safeParse(id).success ? await getApiConnector(db, { orgId, id }) : undefined;
  if (!row) throw apiNotFound("Connector");
  return toApiConnector(row, await getSyncTotals(db, { orgId, connectorId: id }));
}
