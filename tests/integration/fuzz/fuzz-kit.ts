/**
 * Shared pieces of the fuzz suite: hostile inputs, the "clean answer" check and a database fingerprint that proves a
 * refused input wrote nothing.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";

/** Generated cases per route and per action: at least 1,000 each. */
export const RUNS = 1_000;
/**
 * A fuzz test does a fixed amount of work (RUNS cases), so how long it takes is the machine's load, not the code's:
 * 12-17 s each on the embedded database on an idle machine, over 30 s on a shared one. A hang still fails.
 */
export const FUZZ_TIMEOUT_MS = 180_000;

/** Strings that have broken parsers, drivers and terminals before. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ud83d\ude00",
  "\u001b[31mred\u001b[0m",
  "\u001b]0;title\u0007",
  "\u202eexe.txt",
  "\u2028",
  "\u0085",
  "\r\n",
  "\t",
  "%00",
  "%ZZ",
  "%C0%AF",
  "%",
  "../../etc/passwd",
  "' OR 1=1 --",
  '"; drop table users; --',
  "<script>alert(1)</script>",
  "${7*7}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "9999-12-31",
  "0000-00-00",
  "2025-02-30",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "true",
  "00000000-0000-0000-0000-000000000000",
  "Ça\u0301fé",
  "on",
];

/** Characters that text rules exist for: controls, escapes, surrogate halves, direction overrides, separators. */
const NASTY_CHAR = fc.constantFrom(
  "\u0000",
  "\u0001",
  "\u0007",
  "\u0008",
  "\t",
  "\n",
  "\r",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\ud800",
  "\udfff",
  "\u202e",
  "\u2066",
  "\u2028",
  "\ufeff",
  "%",
  "'",
  '"',
  "\\",
  "a",
  "é",
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: NASTY_CHAR, minLength: 1, maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 10 }))
      .map(([a, b]) => a + b + a),
  },
  // Long values: past every field's maximum, but small enough to keep the suite fast.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("x", "é", "\u0000", "😀"), fc.integer({ min: 1_000, max: 5_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** Keys that have polluted prototypes or confused parsers. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "$ACTION_ID_x", "0", ""),
  fc.string({ maxLength: 8 }),
);

/** Any JSON-ish value: wrong types where strings are expected, nested objects, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** A field's value: valid, valid with something nasty around it, or anything at all (including the wrong type). */
export const variant = (valid: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(valid) },
    {
      weight: 3,
      arbitrary: fc.tuple(hostileString, fc.boolean()).map(([n, before]) => (before ? n + valid : valid + n)),
    },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileValue },
  );

/**
 * A valid input (one time in ten) or one with one or two of its fields replaced by a variant: one bad field among good ones is what
 * reaches the database when a rule is missing (a fully random input is refused by the first check it meets).
 */
export function mutated(valid: Record<string, string>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  const extra = fc.dictionary(hostileKey, hostileString, { maxKeys: 1 });
  return fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 9, arbitrary: fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }) },
      ),
      fc.tuple(...keys.map((k) => variant(valid[k]))),
      fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, extra),
    )
    .map(([bad, values, more]) => ({
      ...valid,
      ...Object.fromEntries(bad.map((k) => [k, values[keys.indexOf(k)]])),
      ...more,
    }));
}

/** Stack frames, driver text and internals: none may ever reach an answer. */
const LEAKS = [
  /\n\s+at \S/,
  /\bat \S+ \(\S*:\d+:\d+\)/,
  /Failed query/i,
  /\bparams:/,
  /node_modules/,
  /TypeError/,
  /ReferenceError/,
  /RangeError/,
  /SyntaxError/,
  /ZodError/,
  /\bPGlite\b/i,
  /\bsqlstate\b/i,
  /violates .* constraint/i,
  /invalid input syntax/i,
  /Something went wrong/i,
];

export function leakIn(text: string): string | undefined {
  return LEAKS.find((re) => re.test(text))?.source;
}

// Written on purpose by a refused input: the sign-in throttle's counters (a wrong current password counts too), a
// token's "last used" time (a valid token with a bad body was still used), a sandbox key the sandbox vendor registers
// when a check first uses it (as a vendor's account exists before Patchbay saves it; attached to a connector only by
// a successful save), and the audit entry that records a refused credentials change (names only, never values).
const MAY_CHANGE_WHEN_REFUSED = new Set(["sign_in_attempts"]);
const ROWS_IGNORED: Record<string, string> = {
  sandbox_accounts: "connector_id is null",
  audit_events: "action = 'connector.credentials_refused'",
};
const CUSTOM: Record<string, string> = {
  api_tokens: `md5(coalesce(string_agg((to_jsonb(r) - 'last_used_at')::text, '|' order by r.id), ''))`,
};

/**
 * A fingerprint of every table: its row count and the newest row version (max xmin: every insert and update makes a
 * row version with a new transaction id; a delete lowers the count). Recomputed only when the database's next
 * transaction id moved: a read never moves it, any write does, committed or not.
 */
export function databaseFingerprint(db: () => Db) {
  type Rows<T> = { rows: T[] };
  let tables: string[] | undefined;
  let last: { xmax: string; sums: string[] } | undefined;
  const xmax = async () =>
    ((await db().execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`)) as Rows<{ x: string }>)
      .rows[0].x;
  const sums = async () => {
    tables ??= (
      (await db().execute(
        sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )) as Rows<{ t: string }>
    ).rows
      .map((r) => r.t)
      .filter((t) => !MAY_CHANGE_WHEN_REFUSED.has(t));
    const parts = tables.map(
      (t) =>
        `(select ${CUSTOM[t] ?? "count(*) || ':' || coalesce(max(xmin::text::bigint), 0)"} from "${t}" r ${ROWS_IGNORED[t] ? `where not (${ROWS_IGNORED[t]})` : ""})`,
    );
    const { rows } = (await db().execute(sql.raw(`select array[${parts.join(", ")}]::text[] as s`))) as Rows<{
      s: string[];
    }>;
    return rows[0].s;
  };
  return {
    /** Takes the baseline (again after an accepted input, which may write). */
    async reset() {
      last = { xmax: await xmax(), sums: await sums() };
    },
    /** The tables that changed since the baseline (none: []). */
    async changedTables(): Promise<string[]> {
      const x = await xmax();
      if (x === last!.xmax) return [];
      const now = await sums();
      const changed = tables!.filter((_, i) => now[i] !== last!.sums[i]);
      last = { xmax: x, sums: last!.sums };
      return changed;
    },
  };
}

/** JSON text of a fuzzed value; "" where JSON.stringify answers undefined (its declared type says string). */
export function jsonText(v: unknown): string {
  return v === undefined || typeof v === "function" || typeof v === "symbol" ? "" : JSON.stringify(v);
}
