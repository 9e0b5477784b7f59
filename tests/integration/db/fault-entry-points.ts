import { GET as exportCsv } from "@/app/(app)/sync-reports/export/route";
import { GET as cronHealth } from "@/app/api/cron/health/route";
import { POST as inboundToken } from "@/app/api/inbound/v1/token/route";
import { GET as listConnectors } from "@/app/api/v1/connectors/route";
import { POST as ingestRuns } from "@/app/api/v1/sync-runs/route";
import { addCompanyGroupAction } from "@/lib/actions/company-groups";
import { signUpAction } from "@/lib/actions/sign-up";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-faults";
import type { FormState } from "@/lib/form-state";
import { type ApiOrg, call } from "../api/api-fixtures";

/**
 * Every kind of entry point, called as Next calls it, for the database fault tests. The test file mocks next/headers
 * (a real session cookie: tests/helpers/cookie-jar.ts) and next/cache; everything behind them is real.
 */

/** Driver or statement text that must never reach an answer. */
export const LEAK =
  /select |insert |params|failed query|connection terminated|ECONNREFUSED|timeout|pg_|"users"|embedded database/i;
export const LIMIT_MS = 10_000;

type Answer = { status: number; retryAfter: string | null; text: string };

export function entryPoints(org: ApiOrg): Record<string, { call: () => Promise<Answer>; healthy: number }> {
  return {
    "GET /api/v1/connectors": {
      healthy: 200,
      call: async () => {
        const r = await call(listConnectors, "/api/v1/connectors", { token: org.token });
        return { status: r.status, retryAfter: r.headers.get("retry-after"), text: r.text };
      },
    },
    "POST /api/v1/sync-runs": {
      healthy: 200,
      call: async () => {
        const runs = [
          {
            externalId: `r-${Date.now()}-${Math.random()}`,
            serviceId: org.service.id,
            startedAt: new Date(Date.now() - 60_000).toISOString(),
            status: "ok",
          },
        ];
        const r = await call(ingestRuns, "/api/v1/sync-runs", { method: "POST", token: org.token, json: { runs } });
        return { status: r.status, retryAfter: r.headers.get("retry-after"), text: r.text };
      },
    },
    "GET /api/cron/health": {
      healthy: 200,
      call: async () => {
        const r = await cronHealth(
          new Request("http://localhost/api/cron/health", {
            headers: { authorization: "Bearer cron-secret-for-route-tests-0123" },
          }),
        );
        return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
      },
    },
    "POST /api/inbound/v1/token": {
      healthy: 401, // an unknown client: the database answered
      call: async () => {
        const body = new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "pbc_0123456789abcdef",
          client_secret: "not-a-real-secret",
        });
        const r = await inboundToken(
          new Request("http://localhost/api/inbound/v1/token", {
            method: "POST",
            body,
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        );
        return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
      },
    },
    "GET /sync-reports/export": {
      healthy: 200,
      call: async () => {
        const { NextRequest } = await import("next/server");
        const r = await exportCsv(new NextRequest("http://localhost/sync-reports/export"));
        return { status: r.status, retryAfter: r.headers.get("retry-after"), text: await r.text() };
      },
    },
  };
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** A signed-in action (the session user is read first) and the public sign-up (the database is first touched inside it). */
export const actions: Record<string, () => Promise<FormState>> = {
  "add company group": () =>
    addCompanyGroupAction({ ok: false }, form({ name: `Group ${Date.now()} ${Math.random()}` })),
  "sign up": () =>
    signUpAction(
      { ok: false },
      form({
        organisationName: "Fault Ltd",
        name: "Fay Fault",
        email: `fay.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`,
        password: "correct horse battery",
      }),
    ),
};

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** All at once, as a burst of requests would come: each answers 503 + Retry-After within 10 s, each action the calm message. */
export async function expectAllUnavailable(org: ApiOrg) {
  const answers = await Promise.all(
    Object.entries(entryPoints(org)).map(async ([what, e]) => ({ what, ...(await timed(e.call)) })),
  );
  for (const { what, value, ms } of answers) {
    expect({ what, status: value.status, retryAfter: value.retryAfter }).toEqual({
      what,
      status: 503,
      retryAfter: "30",
    });
    expect({ what, fast: ms < LIMIT_MS }).toEqual({ what, fast: true });
    expect(value.text).toContain(DATABASE_UNAVAILABLE_MESSAGE);
    expect(value.text).not.toMatch(LEAK);
  }
  const states = await Promise.all(Object.entries(actions).map(async ([what, fn]) => ({ what, ...(await timed(fn)) })));
  for (const { what, value, ms } of states) {
    expect({ what, ok: value.ok, message: value.message }).toEqual({
      what,
      ok: false,
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect({ what, fast: ms < LIMIT_MS }).toEqual({ what, fast: true });
    expect(JSON.stringify(value)).not.toMatch(LEAK);
  }
}

export async function expectAllHealthy(org: ApiOrg) {
  for (const [what, e] of Object.entries(entryPoints(org))) {
    const { status, text } = await e.call();
    expect({ what, status }).toEqual({ what, status: e.healthy });
    expect(text).not.toMatch(/select |params|failed query/i);
  }
  expect((await actions["add company group"]()).ok).toBe(true);
}
