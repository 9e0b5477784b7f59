import { sql } from "drizzle-orm";
import { type DbHandle, openPglite } from "@/db";
import type { PgliteThread } from "@/db/pglite-thread";
import { isUniqueViolation } from "@/db/errors";

/** The embedded database's thread client (db/pglite-thread.ts), through drizzle as the app uses it. */
describe("PGlite in its own thread", () => {
  let handle: DbHandle & { client: PgliteThread };
  /** Rows of a query (the shared Db type leaves execute()'s result untyped). */
  const rows = async <T>(db: Pick<DbHandle["db"], "execute">, query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as { rows: T[] }).rows;
  const count = async () => (await rows<{ n: number }>(handle.db, sql`select count(*)::int as n from t`))[0].n;

  beforeAll(async () => {
    handle = await openPglite({});
    await handle.db.execute(sql`create table t (id int primary key, note text)`);
  });
  afterAll(() => handle.close());
  beforeEach(() => handle.db.execute(sql`delete from t`));

  it("never runs a statement from outside an open transaction inside it", async () => {
    let outside: Promise<unknown> | undefined;
    const failed = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (1, 'in the transaction')`);
      outside = handle.db.execute(sql`insert into t values (2, 'outside')`); // issued while the transaction is open
      await new Promise((r) => setTimeout(r, 20));
      throw new Error("roll back");
    });
    await expect(failed).rejects.toThrow("roll back");
    await outside;
    // The transaction's row is gone; the outside statement ran after it, on its own, and stayed.
    expect(await rows<{ id: number }>(handle.db, sql`select id from t order by id`)).toEqual([{ id: 2 }]);
  });

  it("runs transactions one after another, so read-modify-write cannot interleave", async () => {
    await handle.db.execute(sql`insert into t values (1, '0')`);
    const bump = () =>
      handle.db.transaction(async (tx) => {
        const [{ note }] = await rows<{ note: string }>(tx, sql`select note from t where id = 1`);
        await new Promise((r) => setTimeout(r, 5));
        await tx.execute(sql`update t set note = ${String(Number(note) + 1)} where id = 1`);
      });
    await Promise.all(Array.from({ length: 5 }, bump));
    expect((await rows<{ note: string }>(handle.db, sql`select note from t where id = 1`))[0].note).toBe("5");
  });

  it("keeps nested transactions as savepoints", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (1, 'kept')`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into t values (2, 'undone')`);
          inner.rollback();
        })
        .catch(() => undefined);
    });
    expect(await rows<{ id: number }>(handle.db, sql`select id from t order by id`)).toEqual([{ id: 1 }]);
  });

  it("reports Postgres errors with their code and constraint, and without the statement's parameters", async () => {
    await handle.db.execute(sql`insert into t values (1, 'first')`);
    const error = await handle.db.execute(sql`insert into t values (1, ${"s3cret-value"})`).catch((e: unknown) => e);
    expect(isUniqueViolation(error, "t_pkey")).toBe(true);
    const cause = (error as { cause: Record<string, unknown> }).cause;
    expect(cause).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect(JSON.stringify(cause)).not.toContain("s3cret-value");
    expect(cause.query).toBeUndefined();
    expect(cause.params).toBeUndefined();
    // The thread carries on after an error.
    expect(await count()).toBe(1);
  });

  it("restores a dump in a new thread", async () => {
    await handle.db.execute(sql`insert into t values (7, 'dumped')`);
    const copy = await openPglite({ loadDataDir: await handle.client.dumpDataDir() });
    try {
      expect(await rows<{ note: string }>(copy.db, sql`select note from t where id = 7`)).toEqual([{ note: "dumped" }]);
    } finally {
      await copy.close();
    }
  });

  it("answers every statement after close with a clear error", async () => {
    const other = await openPglite({});
    await other.close();
    await expect(other.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { message: "The embedded database is closed" },
    });
  });
});
