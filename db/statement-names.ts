import { createHash } from "node:crypto";

/**
 * Names for the statements Postgres should keep prepared. A named statement is parsed (and, once Postgres settles on a
 * generic plan, planned) once per connection instead of at every execution: on the pages' short index reads, parsing
 * and planning were about half of the database's time. Only statements seen more than once get a name (a one-off
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

/** One connection's prepared statements: the names it has been asked to prepare. */
export class ConnectionStatements {
  readonly #names = new Set<string>();

  /** The name to send `text` under on this connection, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const name = statementName(text);
    if (!name || this.#names.has(name)) return name;
    if (this.#names.size >= MAX_PREPARED_PER_CONNECTION) return undefined;
    this.#names.add(name);
    return name;
  }

  /** The connection no longer has it: the next use prepares it again. */
  forget(name: string): void {
    this.#names.delete(name);
  }
}
