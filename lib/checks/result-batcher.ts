import type { Db } from "@/db";
import { type CheckedConnector, recordChecks, type RecordPolicy } from "./record";

/**
 * Collects finished checks and records them in batches (one transaction each), one batch at a time. Batching
 * is what lets a sweep at concurrency 200 keep up: one transaction per result would cost more than the checks.
 * A batch is written once `batchSize` results wait or the oldest has waited `maxDelayMs`; results that arrive while
 * a batch is being written wait for it and then go together (up to `maxBatch` per statement), so when the database
 * is the slower side the statements grow instead of queueing up: the cost per result stays flat at 100,000.
 * After the first database error nothing more is written and `error` is set; the sweep stops on it.
 */
export class ResultBatcher {
  recorded = 0;
  changed = 0;
  error: unknown;
  private pending: CheckedConnector[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private writing = false;
  /** flush() was called: write everything pending, however few. */
  private forced = false;

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
    if (this.pending.length >= this.batchSize) this.chain = this.drain();
    else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Resolves when everything added so far is recorded (or the batcher has failed). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) {
      this.forced = true;
      if (!this.writing) this.chain = this.drain();
    }
    return this.chain;
  }

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = true;
    try {
      while (
        this.error === undefined &&
        (this.pending.length >= this.batchSize || (this.forced && this.pending.length > 0))
      ) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          const r = await recordChecks(this.db, batch, this.policy);
          this.recorded += r.recorded;
          this.changed += r.changed;
        } catch (err) {
          this.error = err;
        }
      }
    } finally {
      this.writing = false;
      if (this.pending.length === 0 || this.error !== undefined) {
        this.forced = false;
        this.pending = [];
      } else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
    }
  }
}
