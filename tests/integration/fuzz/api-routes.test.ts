/**
 * Fuzz: 1,000 generated requests to every route handler under app/api (and the report export), each checked for
 * an answer below 500, no stack or driver text, and no write when the request was refused.
 */
import "../health/cron-secret";
import "../ops/metrics-token";
import fc from "fast-check";
import { NextRequest } from "next/server";
import type { SessionUser } from "@/lib/auth/session-user";
import { registerSandboxAccount } from "@/lib/sandbox/accounts";
import { issueInboundClient } from "@/lib/inbound-api/clients";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember } from "../../helpers/factories";
import { type ApiOrg, makeApiOrg } from "../api/api-fixtures";
import {
  databaseFingerprint,
  hostileString,
  hostileValue,
  jsonText,
  leakIn,
  mutated,
  FUZZ_TIMEOUT_MS,
  RUNS,
} from "./fuzz-kit";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  getCurrentUser: () => Promise.resolve(current),
  requireUser: () => Promise.resolve(current),
}));

import { POST as ingest } from "@/app/api/v1/sync-runs/route";
import { GET as listConnectors } from "@/app/api/v1/connectors/route";
import { GET as getConnector } from "@/app/api/v1/connectors/[id]/route";
import { POST as token } from "@/app/api/inbound/v1/token/route";
import { GET as ping } from "@/app/api/inbound/v1/ping/route";
import { GET as client } from "@/app/api/inbound/v1/clients/[clientId]/route";
import { GET as cronHealth } from "@/app/api/cron/health/route";
import { GET as cronNotifications } from "@/app/api/cron/notifications/route";
import { GET as health } from "@/app/api/health/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as sandboxAccount } from "@/app/api/sandbox/v1/account/route";
import { GET as live } from "@/app/api/live/route";
import { GET as exportReport } from "@/app/(app)/sync-reports/export/route";

const db = useTestDb();
const fingerprint = databaseFingerprint(db);
let org: ApiOrg;
let inbound: { clientId: string; secret: string };
let sandboxKey: string;

beforeAll(async () => {
  org = await makeApiOrg(db());
  const c = await createConnector(db(), org.orgId, {
    systemId: "inbound-api",
    authType: "platform",
    credentials: {},
    name: "Inbound",
  });
  const issued = await issueInboundClient(db(), org.admin, { connectorId: c.id });
  inbound = { clientId: issued.clientId, secret: issued.secret };
  sandboxKey = `sbx_fuzz_${Math.random().toString(36).slice(2, 12)}`;
  await registerSandboxAccount(db(), {
    orgId: org.orgId,
    connectorId: org.source.id,
    name: "Fuzz",
    apiKey: sandboxKey,
  });
  current = await createMember(db(), org.orgId, "read_only");
  await fingerprint.reset();
});

/** What a header can carry (Latin-1 without NUL/CR/LF): anything else never reaches a route. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, "");
/** A query string: sometimes properly encoded, sometimes raw garbage such as %ZZ. */
const queryPart = (s: string, raw: boolean) => (raw ? s.replace(/[#\s]/g, "") : encodeURIComponent(s.toWellFormed()));

type Answer = { status: number; text: string };
async function answer(response: Response): Promise<Answer> {
  return { status: response.status, text: await response.text() }; // the whole body: an export must not break mid-way
}

/** The checks every answer passes; a refused request must not have written anything. */
async function check(label: string, a: Answer) {
  if (a.status >= 500) throw new Error(`${label}: answered ${a.status}: ${a.text.slice(0, 300)}`);
  const leak = leakIn(a.text);
  if (leak) throw new Error(`${label}: the answer holds ${leak}: ${a.text.slice(0, 300)}`);
  if (a.status >= 400) {
    const changed = await fingerprint.changedTables();
    if (changed.length) throw new Error(`${label}: refused with ${a.status} but ${changed.join(", ")} changed`);
  } else {
    await fingerprint.reset();
  }
}

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const jsonRequest = (url: string, body: string, headers: Record<string, string>) =>
  new Request(`http://localhost${url}`, { method: "POST", headers, body });
const text = (v: unknown) => (typeof v === "string" ? v : jsonText(v));
const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

jest.setTimeout(FUZZ_TIMEOUT_MS);

describe("fuzz: API routes answer every generated input below 500, with no internals, writing nothing when refused", () => {
  it("POST /api/v1/sync-runs", async () => {
    const valid = {
      externalId: "run-1",
      serviceId: org.service.id,
      startedAt: iso(60),
      finishedAt: iso(59),
      status: "ok",
      pulled: "10",
      errorMessage: "Timed out",
    };
    const runArb = mutated(valid).map((r) => ({ ...r, pulled: r.pulled === "10" ? 10 : r.pulled }));
    const bodyArb = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(runArb, { minLength: 1, maxLength: 3 }).map((runs) => JSON.stringify({ runs })),
      },
      { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify({ runs: v })) },
      { weight: 1, arbitrary: hostileValue.map((v) => jsonText(v)) },
      { weight: 1, arbitrary: hostileString },
    );
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.constantFrom(
          "application/json",
          "application/json",
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
        ),
        fc.nat(9),
        async (body, type, auth) => {
          const authorised = auth > 0;
          const headers = { "content-type": type, authorization: `Bearer ${authorised ? org.token : "pbk_wrong"}` };
          await check(
            "sync-runs",
            await answer(await ingest(jsonRequest("/api/v1/sync-runs", body, headers), params({}))),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/v1/connectors and /api/v1/connectors/:id", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        hostileString,
        fc.boolean(),
        fc.oneof(
          fc.constant(() => org.source.id),
          hostileString.map((s) => () => s),
        ),
        async (limit, cursor, raw, id) => {
          const headers = { authorization: `Bearer ${org.token}` };
          const url = `http://localhost/api/v1/connectors?limit=${queryPart(limit, raw)}&cursor=${queryPart(cursor, raw)}`;
          await check("connectors list", await answer(await listConnectors(new Request(url, { headers }), params({}))));
          await check(
            "connector",
            await answer(
              await getConnector(
                new Request(`http://localhost/api/v1/connectors/x`, { headers }),
                params({ id: id() }),
              ),
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /api/inbound/v1/token", async () => {
    const bodyArb = mutated({
      grant_type: "client_credentials",
      client_id: inbound.clientId,
      client_secret: inbound.secret,
    });
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.constantFrom("json", "form", "garbage", "basic"),
        hostileString,
        async (fields, shape, garbage) => {
          const headers: Record<string, string> = {
            "content-type": shape === "json" ? "application/json" : "application/x-www-form-urlencoded",
          };
          let body = garbage;
          if (shape === "json") body = JSON.stringify(fields);
          if (shape === "form")
            body = Object.entries(fields)
              .map(([k, v]) => `${k}=${typeof v === "string" ? queryPart(v, false) : queryPart(jsonText(v), true)}`)
              .join("&");
          if (shape === "basic")
            headers.authorization = `Basic ${Buffer.from(`${text(fields.client_id)}:${text(fields.client_secret)}`).toString("base64")}`;
          await check("token", await answer(await token(jsonRequest("/api/inbound/v1/token", body, headers))));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/inbound/v1/ping and /api/inbound/v1/clients/:clientId", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (bearer, clientId) => {
        const headers = { authorization: headerSafe(`Bearer ${bearer}`) };
        await check("ping", await answer(await ping(new Request("http://localhost/api/inbound/v1/ping", { headers }))));
        await check(
          "client",
          await answer(await client(new Request("http://localhost/api/inbound/v1/clients/x"), params({ clientId }))),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /api/sandbox/v1/account", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(() => sandboxKey),
          hostileString.map((s) => () => s),
        ),
        fc.constantFrom("Bearer ", "Basic ", "", "bearer "),
        async (key, scheme) => {
          const headers = { authorization: headerSafe(`${scheme}${key()}`) };
          await check(
            "sandbox",
            await answer(await sandboxAccount(new Request("http://localhost/api/sandbox/v1/account", { headers }))),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/live", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(() => org.source.id),
          hostileString.map((s) => () => s),
        ),
        fc.boolean(),
        async (id, raw) => {
          const url = `http://localhost/api/live?connector=${queryPart(id(), raw)}`;
          await check("live", await answer(await live(new Request(url))));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/cron/health and /api/cron/notifications, with and without the secret", async () => {
    const secret = process.env.CRON_SECRET!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(secret), hostileString),
        hostileString,
        fc.boolean(),
        async (given, query, raw) => {
          const headers = { authorization: headerSafe(`Bearer ${given}`) };
          const url = `?force=${queryPart(query, raw)}`;
          await check(
            "cron health",
            await answer(await cronHealth(new Request(`http://localhost/api/cron/health${url}`, { headers }))),
          );
          await check(
            "cron notifications",
            await answer(
              await cronNotifications(new Request(`http://localhost/api/cron/notifications${url}`, { headers })),
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/metrics with and without the token, and GET /api/health", async () => {
    const token = process.env.METRICS_TOKEN!;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(token), hostileString), fc.boolean(), async (given, bearer) => {
        const headers = { authorization: headerSafe(bearer ? `Bearer ${given}` : given) };
        const a = await answer(await metrics(new Request("http://localhost/api/metrics", { headers })));
        await check("metrics", a);
        if (a.status !== 200) expect(a.text).not.toContain(token);
      }),
      { numRuns: RUNS },
    );
    await check("health", await answer(health()));
  });

  it("GET /sync-reports/export (a route handler too), reading every CSV to its end", async () => {
    const keys = ["from", "to", "q", "status", "system", "connector", "service"];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom(...keys),
            fc.oneof(
              fc.constantFrom("2026-01-01", "9999-12-31", "1999-12-31", "2100-12-31", "ok", "sandbox"),
              hostileString,
            ),
          ),
          { maxLength: 5 },
        ),
        fc.boolean(),
        async (pairs, raw) => {
          const query = pairs.map(([k, v]) => `${k}=${queryPart(v, raw)}`).join("&");
          await check(
            "export",
            await answer(await exportReport(new NextRequest(`http://localhost/sync-reports/export?${query}`))),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
