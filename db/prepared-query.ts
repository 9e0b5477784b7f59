import type { DbOrTx } from "./index";

type Runnable<P, R> = { execute(values: P): Promise<R> };

/**
 * A query whose SQL text drizzle builds once per database handle (or transaction), then only runs. Built at every
 * call, drizzle walks each selected column, join and condition again to write the same text: on the pages' reads
 * that cost the server about as much CPU as sending the query and reading its rows (a connector's header read:
 * 0.48-0.57 ms of CPU built each time, 0.18-0.27 ms built once). Values go in through `sql.placeholder(key)`, so
 * only queries whose shape never depends on their input fit (an optional condition or an IN list builds a different
 * query each time; the connector list keeps one per combination of its filters, db/queries/connectors.ts).
 *
 * `name` is drizzle's name for the prepared query, one per query. The database client replaces it with its own, or
 * none (db/statement-names.ts): whether a statement is kept prepared in the database stays that module's choice.
 */
export function preparedQuery<P extends Record<string, unknown>, R>(
  name: string,
  build: (db: DbOrTx) => { prepare(name: string): Runnable<P, R> },
): (db: DbOrTx, values: P) => Promise<R> {
  const built = new WeakMap<DbOrTx, Runnable<P, R>>();
  return (db, values) => {
    let query = built.get(db);
    if (!query) {
      query = build(db).prepare(name);
      built.set(db, query);
    }
    return query.execute(values);
  };
}
