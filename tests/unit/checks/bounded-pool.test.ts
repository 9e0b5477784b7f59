import { runPool } from "@/lib/checks/bounded-pool";

/** A source of `n` numbered items, handed out in batches. */
function source(n: number, keyOf: (i: number) => string = (i) => `host-${i}`) {
  let next = 0;
  return {
    keyOf,
    fetch: (want: number) => {
      const items = Array.from({ length: Math.min(want, n - next) }, (_, k) => next + k);
      next += items.length;
      return Promise.resolve({ items, more: next < n });
    },
  };
}

describe("runPool", () => {
  it("never runs more than `concurrency` at once, nor more than `perKey` for one key, and runs everything", async () => {
    let running = 0;
    let peak = 0;
    const perKey = new Map<string, number>();
    let peakPerKey = 0;
    const done: number[] = [];
    const src = source(60, (i) => `host-${i % 3}`);
    const outcome = await runPool({
      concurrency: 8,
      perKey: 2,
      keyOf: src.keyOf,
      fetch: src.fetch,
      batchSize: 10,
      canStart: () => true,
      work: async (i) => {
        const key = src.keyOf(i);
        running++;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakPerKey = Math.max(peakPerKey, perKey.get(key)!);
        await new Promise((r) => setTimeout(r, 2));
        perKey.set(key, perKey.get(key)! - 1);
        running--;
        done.push(i);
      },
    });
    expect(outcome.unstarted).toEqual([]);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(peakPerKey).toBe(2);
    expect(peak).toBe(6); // 3 keys x 2: the per-key cap binds before the concurrency does
  });

  /**
   * When each of `n` items started (ms after the pool began), at concurrency 20, each holding its slot `holdMs`.
   * On Jest's fake clock (timers and `performance.now`), so the times are exact and a busy machine cannot move them.
   */
  async function startTimes(n: number, holdMs: number, rampMs?: number): Promise<number[]> {
    jest.useFakeTimers();
    try {
      const startedAt: number[] = [];
      const src = source(n);
      const t0 = performance.now();
      const pool = { finished: false }; // an object: set from a callback, not narrowed to its initial value
      void runPool({
        concurrency: 20,
        perKey: 1,
        keyOf: src.keyOf,
        fetch: src.fetch,
        batchSize: 20,
        canStart: () => true,
        rampMs,
        work: async () => {
          startedAt.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, holdMs));
        },
      }).then(() => (pool.finished = true));
      for (let ms = 0; !pool.finished; ms++) {
        if (ms > 10 * (holdMs + (rampMs ?? 0)) * Math.ceil(n / 20)) throw new Error("the pool never finished");
        await jest.advanceTimersByTimeAsync(1);
      }
      return startedAt;
    } finally {
      jest.useRealTimers();
    }
  }

  it("spreads the first `concurrency` starts over rampMs instead of starting them in one tick", async () => {
    const startedAt = await startTimes(40, 300, 200);
    // The k-th of the first 20 starts k x 10 ms in (200 ms over 20 slots).
    expect(startedAt.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, k) => k * 10));
    // After the ramp, a finished slot is refilled at once: the 21st starts when the first finishes, 300 ms in,
    // and the rest follow their predecessors, spread as they were.
    expect(startedAt.slice(20)).toEqual(Array.from({ length: 20 }, (_, k) => 300 + k * 10));
  });

  it("starts everything at once without a ramp", async () => {
    const startedAt = await startTimes(40, 50);
    expect(startedAt).toEqual([...Array<number>(20).fill(0), ...Array<number>(20).fill(50)]);
  });

  it("stops starting when canStart turns false and gives back what it fetched but did not start", async () => {
    let open = true;
    const src = source(30);
    const outcome = await runPool({
      concurrency: 5,
      perKey: 5,
      keyOf: () => "one",
      fetch: src.fetch,
      batchSize: 10,
      canStart: () => open,
      work: async () => {
        open = false;
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    expect(outcome.unstarted.length).toBeGreaterThan(0);
    expect(outcome.unstarted.length).toBeLessThanOrEqual(10);
  });
});
