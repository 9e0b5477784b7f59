/**
 * GET /api/live: the version open pages poll to stay current. Real session cookies (cookie-jar), a real database, the
 * real check path against the sandbox vendor; 503 (never 500) when the database cannot be reached.
 */
import fs from "node:fs";
import net from "node:net";
import { eq } from "drizzle-orm";
import { openPglite, openPostgres, useDbHandle, type DbHandle } from "@/db";
import { connectors, users } from "@/db/schema";
import { GET as sandboxRoute } from "@/app/api/sandbox/v1/account/route";
import type { SessionUser } from "@/lib/auth/session-user";
import { checkConnector } from "@/lib/checks/check-connector";
import { registerSandboxAccount, setSandboxMode } from "@/lib/sandbox/accounts";
import { endDatabaseOutage } from "@/lib/database-faults";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";
import { serveRoute } from "../../helpers/serve-route";
import { pgliteDumpPath, usePostgres } from "../../helpers/test-database";
import { captureLogs } from "../../helpers/captured-logs";

jest.mock(
  "next/headers",
  () => jest.requireActual<typeof import("../../helpers/cookie-jar")>("../../helpers/cookie-jar").nextHeaders,
);

import { GET } from "@/app/api/live/route";
import { signInAs } from "../../helpers/cookie-jar";

const db = useTestDb();
const apiKey = "sbx_live_route_0123456789";
let orgId: string;
let admin: SessionUser;
let sandboxId: string;
let theirsId: string;
let app: { origin: string; close(): Promise<void> } | undefined;

async function live(query = "") {
  const res = await GET(new Request(`http://localhost/api/live${query}`));
  const text = await res.text();
  return {
    status: res.status,
    cache: res.headers.get("cache-control"),
    retryAfter: res.headers.get("retry-after"),
    text,
  };
}
const version = async (query = "") => {
  const res = await live(query);
  expect([res.status, res.cache]).toEqual([200, "no-store"]);
  return (JSON.parse(res.text) as { version: string }).version;
};

beforeAll(async () => {
  const org = await createOrganisation(db());
  orgId = org.orgId;
  admin = org.admin;
  const sandbox = await createConnector(db(), orgId, {
    systemId: "sandbox",
    authType: "api-key",
    credentials: { apiKey },
  });
  sandboxId = sandbox.id;
  await registerSandboxAccount(db(), { orgId, connectorId: sandboxId, name: "Live sandbox", apiKey });
  const other = await createOrganisation(db());
  theirsId = (
    await createConnector(db(), other.orgId, { systemId: "shopify", authType: "token", credentials: { a: "b" } })
  ).id;
  app = await serveRoute(sandboxRoute);
  const reader = await createMember(db(), orgId, "read_only");
  await signInAs(reader.id);
});
afterAll(() => app?.close());

const check = () =>
  checkConnector(
    db(),
    { orgId, connectorId: sandboxId },
    { mode: "now", config: { appOrigin: app?.origin, allowPrivateNetworks: false } },
  );

describe("GET /api/live", () => {
  it("answers every role a version that moves when a status change is recorded, and only then for the list", async () => {
    const before = await version();
    await check(); // unknown -> operational: a confirmed change
    const afterFirst = await version();
    expect(afterFirst).not.toBe(before);
    await check(); // operational again: no change, the list has nothing new to show
    expect(await version()).toBe(afterFirst);

    await setSandboxMode(db(), admin, { connectorId: sandboxId, mode: "down" });
    await check(); // "Check now" shows what it saw at once: operational -> unreachable
    const [row] = await db().select().from(connectors).where(eq(connectors.id, sandboxId));
    expect(row.status).toBe("unreachable");
    expect(await version()).not.toBe(afterFirst);
  });

  it("for one connector, moves with every recorded check (the summary shows the last and next check)", async () => {
    const before = await version(`?connector=${sandboxId}`);
    expect(await version(`?connector=${sandboxId}`)).toBe(before);
    await check();
    expect(await version(`?connector=${sandboxId}`)).not.toBe(before);
  });

  it("answers 404 for another organisation's connector and for an id that is not one, without telling them apart", async () => {
    const theirs = await live(`?connector=${theirsId}`);
    const junk = await live("?connector=%27%3B--");
    expect([theirs.status, junk.status]).toEqual([404, 404]);
    expect(theirs.text).toBe(junk.text);
    expect(theirs.cache).toBe("no-store");
  });

  it("answers 401 without a session, and once the user's session version has moved on (signed out elsewhere)", async () => {
    const member = await createMember(db(), orgId, "user");
    await signInAs(member.id);
    expect((await live()).status).toBe(200);
    await db().update(users).set({ sessionVersion: 1 }).where(eq(users.id, member.id));
    const stale = await live();
    expect([stale.status, stale.cache]).toEqual([401, "no-store"]);
    await signInAs("00000000-0000-0000-0000-000000000000");
    expect((await live()).status).toBe(401);
  });
});

describe("GET /api/live while the database cannot be reached", () => {
  let broken: DbHandle | undefined;
  afterAll(async () => {
    endDatabaseOutage();
    useDbHandle(undefined);
    if (usePostgres) await broken?.close();
  });

  it("answers 503 with Retry-After and no driver text, never 500", async () => {
    const member = await createMember(db(), orgId, "read_only");
    await signInAs(member.id);
    if (usePostgres) {
      // A port nothing listens on.
      const probe = net.createServer().listen(0, "127.0.0.1");
      await new Promise((resolve) => probe.once("listening", resolve));
      const port = (probe.address() as net.AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
      broken = await openPostgres(`postgres://postgres@127.0.0.1:${port}/nothing`);
    } else {
      broken = await openPglite({ loadDataDir: fs.readFileSync(pgliteDumpPath()) });
      await broken.close(); // its thread is gone
    }
    useDbHandle(broken);
    const logs = captureLogs("error");
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const query of ["", `?connector=${sandboxId}`]) {
        const res = await live(query);
        expect([res.status, res.retryAfter, res.cache]).toEqual([503, "30", "no-store"]);
        expect(res.text).not.toMatch(/select|ECONNREFUSED|pglite|stack/i);
      }
    } finally {
      quiet.mockRestore();
      logs.restore();
    }
  });
});
