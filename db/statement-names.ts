import { createHash } from "node:crypto";

/**
 * Names for the statements the database should keep prepared, on Postgres (db/index.ts) and in the embedded database
 * (db/pglite-thread.ts). A named statement is parsed (and, once Postgres settles on a generic plan, planned) once per
 * connection instead of at every execution: on the pages' short index reads, parsing and planning were about half of
 * the database's time, a quarter of a summary page's CPU on the embedded database. Only statements seen more than once get a name (a one-off
 * statement, or one whose text varies with its input, such as an IN list, stays unnamed), only statements shorter than
 * `MAX_LENGTH` (longer ones are bulk writes and long lists, whose parsing is small next to their work) and only the
 * first `MAX_TEXTS` distinct texts, so the names and Postgres's plan caches stay bounded.
 */
const MAX_TEXTS = 2_000;
const MAX_LENGTH = 8_000;
const HOT_AFTER = 2;
const seen = new Map<string, { uses: number; name?: string }>();

/** The statement's name for a prepared statement, or undefined to send it unnamed this time. */
export function statementName(text: string): string | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  let entry = seen.get(text);
  if (!entry) {
    if (seen.size >= MAX_TEXTS) return undefined;
    entry = { uses: 0 };
    seen.set(text, entry);
  }
  if (entry.name) return entry.name;
  if (++entry.uses < HOT_AFTER) return undefined;
  entry.name = `pb_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  return entry.name;
}

/** How many statements one connection keeps prepared at most (each holds memory in its Postgres backend). */
const MAX_PREPARED_PER_CONNECTION = 100;

/** One connection's prepared statements. */
export class ConnectionStatements {
  /** A statement's name -> the name it is prepared under on this connection (null: sent unnamed here). */
  readonly #names = new Map<string, string | null>();
  #prepared = 0;

  /** The name to send `text` under on this connection, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const name = statementName(text);
    if (!name) return undefined;
    const here = this.#names.get(name);
    return here === undefined ? this.#prepare(name, name) : (here ?? undefined);
  }

  /**
   * After a statement sent under `name` failed with `code`: one the connection lost (26000: node-postgres closes a
   * statement whose parameters it could not encode but still counts it as parsed) or whose result type changed
   * under it (0A000, "cached plan must not change result type": another instance's migration added a column to a
   * table a `*` of it returns) is prepared under a new name at its next use. Postgres re-plans by itself after
   * every other schema change.
   */
  failed(name: string, code: unknown): void {
    if (code !== "26000" && code !== "0A000") return;
    const base = name.split("_").slice(0, 2).join("_");
    this.#prepare(base, `${base}_${this.#prepared}`);
  }

  #prepare(base: string, name: string): string | undefined {
    if (this.#prepared >= MAX_PREPARED_PER_CONNECTION) {
      this.#names.set(base, null);
      return undefined;
    }
    this.#prepared++;
    this.#names.set(base, name);
    return name;
  }
}
