import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connectors } from "@/db/schema";
import type { SweepOptions } from "@/lib/checks/sweep";
import type { SystemDef } from "@/lib/health/contract";
import { createConnector } from "./factories";

/**
 * Connectors of a test system for sweep tests. Each gets its own system id ("fake-1", "fake-2"...) because a
 * company group holds one live connector per system; `sweepWith` maps every "fake-*" id to the test system.
 */
export async function addFakeConnectors(
  db: Db,
  orgId: string,
  count: number,
  credentials: (i: number) => Record<string, string>,
) {
  const rows = [];
  for (let i = 0; i < count; i++)
    rows.push(
      await createConnector(db, orgId, {
        systemId: `fake-${i}-${Math.random().toString(36).slice(2, 8)}`,
        authType: "token",
        credentials: credentials(i),
      }),
    );
  return rows;
}

export function sweepWith(system: SystemDef, extra: SweepOptions = {}): SweepOptions {
  return {
    resolveSystem: (id) => (id.startsWith("fake-") ? system : undefined),
    allowPrivateNetworks: true, // emulators listen on loopback
    timeoutMs: 2_000,
    perHost: 100,
    concurrency: 10,
    retention: false,
    ...extra,
  };
}

/** Makes connectors due now (as if their interval had passed). */
export async function makeDue(db: Db, ids: string[]) {
  await db
    .update(connectors)
    .set({ nextCheckAt: sql`now() - interval '1 second'` })
    .where(inArray(connectors.id, ids));
}
