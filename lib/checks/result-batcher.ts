import type { Db } from "@/db";
import { type CheckedConnector, recordChecks, type RecordPolicy } from "./record";

/**
 * Collects finished checks and records them in batches (one transaction each), one batch at a time. Batching
 * is what lets a sweep at concurrency 200 keep up: one transaction per result would cost more than the checks.
 * After the first database error nothing more is written and `error` is set; the sweep stops on it.
 */
export class ResultBatcher {
  recorded = 0;
  changed = 0;
  error: unknown;
  private pending: CheckedConnector[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly policy: RecordPolicy,
    private readonly batchSize = 100,
    private readonly maxDelayMs = 25,
  ) {}

  add(item: CheckedConnector): void {
    if (this.error !== undefined) return;
    this.pending.push(item);
    if (this.pending.length >= this.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Resolves when everything added so far is recorded (or the batcher has failed). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length > 0) {
      this.chain = this.chain.then(async () => {
        if (this.error !== undefined) return;
        try {
          const r = await recordChecks(this.db, batch, this.policy);
          this.recorded += r.recorded;
          this.changed += r.changed;
        } catch (err) {
          this.error = err;
        }
      });
    }
    return this.chain;
  }
}
