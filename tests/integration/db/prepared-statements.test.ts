import { eq, sql } from "drizzle-orm";
import { openPostgres, type Tx } from "@/db";
import { readDatabaseSettings } from "@/db/config";
import { preparedQuery } from "@/db/prepared-query";
import { organisations } from "@/db/schema";
import { postgresUrlOf, useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { usePostgres } from "../../helpers/test-database";

const db = useTestDb();
const describePostgres = usePostgres ? describe : describe.skip;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** This connection's backend and the statements it holds prepared, with their text. */
async function session(tx: Tx) {
  const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
  const held = rowsOf<{ name: string; statement: string }>(
    await tx.execute(sql`select name, statement from pg_prepared_statements`),
  );
  return { pid, held };
}

const byId = (tx: Tx, id: string) =>
  tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
const isById = (s: { statement: string }) =>
  s.statement.includes('from "organisations" where "organisations"."id" = $1');

/** The same read as byId, built once per handle; counts its builds. */
let builds = 0;
const builtOnce = preparedQuery("test-organisation-name", (handle) => {
  builds++;
  return handle
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder("id")));
});

// Both databases: Postgres keeps them on each pooled connection, the embedded database in its one session.
describe("prepared statements", () => {
  it("keeps a statement run again and again prepared on its connection, not one run once", async () => {
    const { orgId } = await createOrganisation(db());
    const seen = await db().transaction(async (tx) => {
      const once = await tx.execute(sql`select ${orgId}::uuid as only_once`);
      expect(rowsOf(once)).toHaveLength(1);
      for (let i = 0; i < 3; i++) expect(await byId(tx, orgId)).toHaveLength(1);
      return session(tx);
    });
    expect(seen.held.filter(isById)).toHaveLength(1);
    expect(seen.held.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^pb_[0-9a-f]{24}$/)]));
    expect(seen.held.some((s) => s.statement.includes("only_once"))).toBe(false);
  });

  it("prepares a statement again when its connection lost it", async () => {
    const { orgId } = await createOrganisation(db());
    const first = await db().transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await byId(tx, orgId);
      const { pid, held } = await session(tx);
      const prepared = held.find(isById);
      expect(prepared).toBeDefined();
      // Gone from the server, still counted as parsed by the client (as node-postgres does after a failed bind).
      await tx.execute(sql.raw(`deallocate ${prepared!.name}`));
      return pid;
    });
    // The pool hands the last connection released back first (and nothing else holds one here).
    await expect(db().transaction((tx) => byId(tx, orgId))).rejects.toMatchObject({ cause: { code: "26000" } });
    const again = await db().transaction(async (tx) => ({ rows: await byId(tx, orgId), ...(await session(tx)) }));
    expect(again.pid).toBe(first);
    expect(again.rows).toEqual([{ name: expect.any(String) }]);
    expect(again.held.filter(isById)).toHaveLength(1);
  });

  it("prepares a statement again when a migration changed the row it returns", async () => {
    // Another instance's migration adds a column to a table a prepared `*` reads: Postgres refuses the cached plan
    // once ("cached plan must not change result type"), then the statement is prepared anew with the new column.
    const probe = sql`select * from prepared_probe`;
    const first = await db().transaction(async (tx) => {
      await tx.execute(sql`create table prepared_probe (id int)`);
      await tx.execute(sql`insert into prepared_probe values (1)`);
      for (let i = 0; i < 3; i++) expect(rowsOf(await tx.execute(probe))).toEqual([{ id: 1 }]);
      return (await session(tx)).pid;
    });
    await db().execute(sql`alter table prepared_probe add column note text default 'added'`);
    await expect(db().transaction((tx) => tx.execute(probe))).rejects.toMatchObject({ cause: { code: "0A000" } });
    const again = await db().transaction(async (tx) => ({
      rows: rowsOf(await tx.execute(probe)),
      ...(await session(tx)),
    }));
    expect(again.pid).toBe(first);
    expect(again.rows).toEqual([{ id: 1, note: "added" }]);
  });

  it("gives the same rows, types and errors prepared as unprepared", async () => {
    const { orgId } = await createOrganisation(db());
    const read = (id: string) =>
      db()
        .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt })
        .from(organisations)
        .where(eq(organisations.id, id));
    const first = await read(orgId); // unnamed (first use)
    const again = await read(orgId); // named from here on
    expect(again).toEqual(first);
    expect(first[0].createdAt).toBeInstanceOf(Date);
    expect(await read("00000000-0000-4000-8000-000000000000")).toEqual([]);
    // A value Postgres refuses is the same error with a name as without, and the statement stays usable.
    await expect(read("not-a-uuid")).rejects.toMatchObject({ cause: { code: "22P02" } });
    expect(await read(orgId)).toEqual(first);
  });
});

describe("queries built once (preparedQuery)", () => {
  it("builds once per handle, takes each call's values, and leaves the statement's name to the client", async () => {
    const [a, b] = [await createOrganisation(db()), await createOrganisation(db())];
    const before = builds;
    const names = [await builtOnce(db(), { id: a.orgId }), await builtOnce(db(), { id: b.orgId })];
    expect(names).toEqual([await byIdOf(a.orgId), await byIdOf(b.orgId)]);
    expect(names[0]).not.toEqual(names[1]);
    expect(await builtOnce(db(), { id: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
    expect(builds - before).toBe(1);
    // A transaction is a handle of its own: its statements run on its connection.
    const seen = await db().transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect(await builtOnce(tx, { id: a.orgId })).toEqual(names[0]);
      return session(tx);
    });
    expect(builds - before).toBe(2);
    expect(seen.held.filter(isById).length).toBeGreaterThan(0);
    for (const { name } of seen.held) expect(name).toMatch(/^pb_[0-9a-f]{24}(_\d+)?$/);
    await expect(builtOnce(db(), { id: "not-a-uuid" })).rejects.toMatchObject({ cause: { code: "22P02" } });
  });
});

const byIdOf = (id: string) => db().transaction((tx) => byId(tx, id));

describePostgres("prepared statements on Postgres only", () => {
  it("prepares nothing when DATABASE_PREPARED_STATEMENTS is false (a pooler in transaction mode)", async () => {
    const { orgId } = await createOrganisation(db());
    const settings = readDatabaseSettings({ DATABASE_URL: postgresUrlOf(db()), DATABASE_PREPARED_STATEMENTS: "false" });
    expect(settings.preparedStatements).toBe(false);
    const unprepared = await openPostgres(settings.url!, settings.timeouts, settings);
    try {
      const seen = await unprepared.db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) expect(await byId(tx, orgId)).toHaveLength(1);
        // drizzle names the queries built once; that name is not sent either.
        for (let i = 0; i < 3; i++) expect(await builtOnce(tx, { id: orgId })).toHaveLength(1);
        return session(tx);
      });
      expect(seen.held).toEqual([]);
    } finally {
      await unprepared.close();
    }
  });
});

describe("DATABASE_PREPARED_STATEMENTS", () => {
  it("is on unless set to false or 0, and names itself when it is neither a yes nor a no", () => {
    const read = (value?: string) => readDatabaseSettings({ DATABASE_PREPARED_STATEMENTS: value }).preparedStatements;
    expect([read(), read(""), read("true"), read("1"), read("false"), read("0")]).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(() => read("off")).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});
