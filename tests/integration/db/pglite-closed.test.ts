/**
 * The embedded database's thread is gone (closed, or crashed): the same path as an unreachable Postgres, through the
 * real route handlers and server actions: 503 with Retry-After or the calm form message, no driver text.
 */
import "../health/cron-secret";
import fs from "node:fs";
import { openPglite, useDbHandle } from "@/db";
import { isDatabaseUnavailable } from "@/db/errors";
import { endDatabaseOutage } from "@/lib/database-faults";
import { describeError } from "@/lib/log";
import { type ApiOrg, makeApiOrg } from "../api/api-fixtures";
import { pgliteDumpPath, usePostgres } from "../../helpers/test-database";

jest.mock(
  "next/headers",
  () => jest.requireActual<typeof import("../../helpers/cookie-jar")>("../../helpers/cookie-jar").nextHeaders,
);
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { expectAllHealthy, expectAllUnavailable } from "./fault-entry-points";
import { type CapturedLogs, captureLogs } from "../../helpers/captured-logs";
import { signInAs } from "../../helpers/cookie-jar";

const describePglite = usePostgres ? describe.skip : describe;
if (usePostgres) {
  test.skip("a closed embedded database: runs on PGlite only (this run uses Postgres; its faults are tested through a TCP proxy)", () =>
    undefined);
}

describePglite("database faults: the embedded database's thread is closed", () => {
  let org: ApiOrg;
  let logged: string[] = [];
  let quiet: jest.SpyInstance | undefined; // unset if beforeAll failed early
  let logs: CapturedLogs | undefined;

  beforeAll(async () => {
    const handle = await openPglite({ loadDataDir: fs.readFileSync(pgliteDumpPath()) });
    useDbHandle(handle);
    org = await makeApiOrg(handle.db);
    await signInAs(org.admin.id);
    quiet = jest
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    logs = captureLogs("error");
    await expectAllHealthy(org);
    await handle.close();
    logged = [];
    logs.clear();
  });
  afterAll(() => {
    quiet?.mockRestore();
    logs?.restore();
    endDatabaseOutage(); // the pages' outage probe: this database stays closed
    useDbHandle(undefined);
  });

  it("answers 503 with Retry-After on every route, the calm message in every action, and logs only the code", async () => {
    await expectAllUnavailable(org);
    const lines = [...logged, ...(logs?.lines ?? [])];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/database 08003 connection does not exist/);
      expect(line).not.toMatch(/select |insert |params|failed query/i);
    }
  });

  it("is classified as unavailable, and described by its code", async () => {
    const { getDb } = await import("@/db");
    const { sql } = await import("drizzle-orm");
    const error = await (await getDb()).execute(sql`select 1`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(describeError(error)).toBe("database 08003 connection does not exist");
  });
});
