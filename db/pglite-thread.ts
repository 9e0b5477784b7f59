import path from "node:path";
import { Worker } from "node:worker_threads";
import { ConnectionStatements } from "./statement-names";

type Row = Record<string, unknown> | unknown[];
export interface QueryResult {
  rows: Row[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}
interface Queryable {
  query(sql: string, params?: unknown[], options?: { rowMode?: "array" | "object" }): Promise<QueryResult>;
}

/** A Postgres error raised in the database thread: the same fields callers test (`code`, `constraint`...). */
class PgliteError extends Error {
  code?: string;
  constraint?: string;
}

/**
 * The thread is gone (closed, or it crashed): like a lost server connection, with the SQLSTATE Postgres uses for it,
 * so callers tell it apart from a refused query (db/errors.ts).
 */
const threadGone = (message: string, code: "08003" | "08006") => Object.assign(new PgliteError(message), { code });
const closedError = () => threadGone("The embedded database is closed", "08003");

const workerPath = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "pglite-worker.mjs");

/**
 * Embedded PGlite in a worker thread, with the client surface drizzle's PGlite driver uses (`query`, `transaction`).
 * Statements run in the worker one at a time in the order they were sent; a transaction's statements are kept together
 * by holding back other statements while it is open, as PGlite itself does on one thread.
 */
export class PgliteThread implements Queryable {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 1;
  #closed = false;
  #exitError: Error | undefined;
  /** Transactions run one after another: each waits for this, the end of the previous one. */
  #transactions: Promise<void> = Promise.resolve();
  /** Set while a transaction is open; statements from outside it wait for `#transactionEnd`. */
  #inTransaction = false;
  #transactionEnd: Promise<void> = Promise.resolve();
  /** The statements run again and again stay prepared in the database, as on Postgres (db/statement-names.ts). */
  readonly #statements = new ConnectionStatements();

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on(
      "message",
      ({
        id,
        result,
        error,
      }: {
        id: number;
        result?: unknown;
        error?: Record<string, unknown> & { message: string };
      }) => {
        const call = this.#pending.get(id);
        if (!call) return;
        this.#pending.delete(id);
        if (error) call.reject(Object.assign(new PgliteError(error.message), error));
        else call.resolve(result);
      },
    );
    const fail = (error: Error) => {
      this.#exitError = error;
      for (const call of this.#pending.values()) call.reject(error);
      this.#pending.clear();
    };
    worker.on("error", (error) => {
      console.error(`[db] the embedded database stopped: ${error.name}: ${error.message.slice(0, 200)}`);
      fail(threadGone("The embedded database stopped", "08006"));
    });
    worker.on("exit", () => fail(closedError()));
  }

  /** Starts the thread and opens the database: `dataDir` on disk, else in memory, optionally restored from a dump. */
  static async create(options: {
    dataDir?: string;
    loadDataDir?: Uint8Array;
    startParams: string[];
  }): Promise<PgliteThread> {
    // Its own allocations are query results handed straight to the main thread: a small young generation is
    // collected often and cheaply, instead of growing to V8's default before the first collection.
    const worker = new Worker(workerPath, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const thread = new PgliteThread(worker);
    try {
      await thread.#call(0, null); // id 0 answers once the database is open
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  #call(id: number, message: object | null): Promise<unknown> {
    if (this.#closed || this.#exitError) return Promise.reject(this.#exitError ?? closedError());
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (message) this.#worker.postMessage({ ...message, id });
    });
  }

  #send(sql: string, params: unknown[] = [], rowMode: "array" | "object" = "object"): Promise<QueryResult> {
    const name = this.#statements.nameFor(sql);
    const result = this.#call(this.#nextId++, { op: "query", sql, params, rowMode, name }) as Promise<QueryResult>;
    return name
      ? result.catch((error: unknown) => {
          this.#statements.failed(name, (error as { code?: unknown }).code);
          throw error;
        })
      : result;
  }

  async query(sql: string, params?: unknown[], options?: { rowMode?: "array" | "object" }): Promise<QueryResult> {
    while (this.#inTransaction) await this.#transactionEnd;
    return this.#send(sql, params, options?.rowMode);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const previous = this.#transactions;
    let done!: () => void;
    this.#transactions = new Promise((resolve) => (done = resolve));
    await previous;
    let ended!: () => void;
    this.#transactionEnd = new Promise((resolve) => (ended = resolve));
    this.#inTransaction = true;
    try {
      await this.#send("BEGIN");
      const tx: Queryable = { query: (sql, params, options) => this.#send(sql, params, options?.rowMode) };
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        await this.#send("ROLLBACK").catch(() => undefined);
        throw error;
      }
      await this.#send("COMMIT");
      return result;
    } finally {
      this.#inTransaction = false;
      ended();
      done();
    }
  }

  /** The whole database as a tarball (what `PGlite.create({ loadDataDir })` restores). */
  async dumpDataDir(): Promise<Uint8Array> {
    while (this.#inTransaction) await this.#transactionEnd;
    return (await this.#call(this.#nextId++, { op: "dump" })) as Uint8Array;
  }

  async close(): Promise<void> {
    if (this.#closed || this.#exitError) return; // closed already, or the thread is gone
    try {
      await this.#transactions;
      await this.#call(this.#nextId++, { op: "close" });
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }
}
