import type { Db } from "@/db";
import { type CheckedConnector, recordChecks, type RecordPolicy } from "./record";

/**
 * Collects finished checks and records them in batches (one transaction each), one batch at a time. Batching
 * is what lets a sweep at concurrency 200 keep up: one transaction per result would cost more than the checks.
 * A batch is written once `batchSize` results wait or the oldest has waited `maxDelayMs`; results that arrive while
 * a batch is being written wait for it and then go together (up to `maxBatch` per statement), so when the database
 * is the slower side the statements grow instead of queueing up one closure per 100 results: the cost per result and
 * the memory stay flat at 100,000 connectors.
 * After the first database error nothing more is written and `error` is set; the sweep stops on it.
 */
export class ResultBatcher {
  recorded = 0;
  changed = 0;
  error: unknown;
  private pending: CheckedConnector[] = [];
  /** The write in flight, if any. */
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly policy: RecordPolicy,
    private readonly batchSize = 100,
    private readonly maxDelayMs = 25,
    private readonly maxBatch = 1000,
  ) {}

  add(item: CheckedConnector): void {
    if (this.error !== undefined) return;
    this.pending.push(item);
    if (this.writing) return; // the write in flight takes it when it ends
    if (this.pending.length >= this.batchSize) this.write();
    else this.timer ??= setTimeout(() => this.write(), this.maxDelayMs);
  }

  /** Resolves when everything added so far is recorded (or the batcher has failed). Never rejects. */
  async flush(): Promise<void> {
    while (this.writing || (this.pending.length > 0 && this.error === undefined)) {
      if (!this.writing) this.write();
      await this.writing;
    }
  }

  /** Writes what is pending (up to maxBatch), then goes on with what arrived meanwhile. */
  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.error !== undefined || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    this.writing = recordChecks(this.db, batch, this.policy).then(
      (r) => {
        this.recorded += r.recorded;
        this.changed += r.changed;
        this.next();
      },
      (err: unknown) => {
        this.error = err;
        this.pending = [];
        this.next();
      },
    );
  }

  private next(): void {
    this.writing = undefined;
    if (this.pending.length >= this.batchSize) this.write();
    else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.write(), this.maxDelayMs);
  }
}
