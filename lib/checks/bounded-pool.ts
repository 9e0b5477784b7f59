/**
 * Runs work pulled from a source with at most `concurrency` items in flight and at most `perKey` per key (one
 * vendor host), fetching the next batch while the current one is still running so workers never sit idle.
 */
export interface PoolOptions<T> {
  concurrency: number;
  perKey: number;
  keyOf: (item: T) => string;
  /** Up to `n` more items; `more: false` when the source had nothing else to give right now. */
  fetch: (n: number) => Promise<{ items: T[]; more: boolean }>;
  batchSize: number;
  /** Turns false when no new work may start or be fetched (time budget spent, a fatal error elsewhere). */
  canStart: () => boolean;
  /** Must not reject: failures are the worker's to handle. */
  work: (item: T) => Promise<void>;
  /**
   * The first `concurrency` starts are spread over this many milliseconds instead of all in one tick (default 0).
   * Started together, checks of similar latency come back together and stay in lock-step, every wave queueing behind
   * the processing of the one before; spread, they come back spread.
   */
  rampMs?: number;
}

export interface PoolOutcome<T> {
  /** Fetched but never started: the caller gives them back. */
  unstarted: T[];
  fetchError?: unknown;
}

export async function runPool<T>(o: PoolOptions<T>): Promise<PoolOutcome<T>> {
  const queue: T[] = [];
  const perKey = new Map<string, number>();
  let running = 0;
  // Set from callbacks: an object, so the type checker does not narrow them to their initial value.
  const batch = { fetching: false, exhausted: false };
  let fetchError: unknown;
  let wake: (() => void) | null = null;
  let woken = false;
  const poke = () => {
    woken = true;
    wake?.();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      wake = resolve;
    }).then(() => {
      wake = null;
      woken = false;
    });

  let began: number | undefined;
  let started = 0;
  let rampTimer: NodeJS.Timeout | undefined;
  /** Starts allowed by now under the ramp (all of them once it is over). */
  const rampAllows = () => {
    if (!o.rampMs || started >= o.concurrency) return true;
    began ??= performance.now();
    const due = began + (started * o.rampMs) / o.concurrency;
    if (performance.now() >= due) return true;
    rampTimer ??= setTimeout(
      () => {
        rampTimer = undefined;
        poke();
      },
      Math.max(1, due - performance.now()),
    );
    return false;
  };

  const start = (item: T, key: string) => {
    started++;
    running++;
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
    void o.work(item).finally(() => {
      running--;
      const left = (perKey.get(key) ?? 1) - 1;
      if (left === 0) perKey.delete(key);
      else perKey.set(key, left);
      poke();
    });
  };

  for (;;) {
    const open = o.canStart() && fetchError === undefined;
    // Refill while a batch's worth of work is still queued, so the claim overlaps with checks in flight.
    if (open && !batch.exhausted && !batch.fetching && queue.length < o.concurrency) {
      batch.fetching = true;
      o.fetch(o.batchSize)
        .then(
          (fetched) => {
            queue.push(...fetched.items);
            if (!fetched.more) batch.exhausted = true;
          },
          (err: unknown) => {
            fetchError = err;
          },
        )
        .finally(() => {
          batch.fetching = false;
          poke();
        });
    }
    if (open) {
      for (let i = 0; i < queue.length && running < o.concurrency && rampAllows();) {
        const key = o.keyOf(queue[i]);
        if ((perKey.get(key) ?? 0) >= o.perKey) i++;
        else start(queue.splice(i, 1)[0], key);
      }
    }
    const idle = running === 0 && !batch.fetching && rampTimer === undefined;
    if (idle && (!open || (batch.exhausted && queue.length === 0))) break;
    await sleep();
  }
  return { unstarted: queue, fetchError };
}
