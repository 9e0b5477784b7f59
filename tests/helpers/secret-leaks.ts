import fc from "fast-check";
import { isCleanText } from "@/lib/validation/text";

/**
 * Random secrets, the ways a vendor may echo them, and the check that no 8-character piece of a secret survives in
 * any of those encodings. Written apart from lib/health/redact.ts on purpose: the tests must not share its code.
 */

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SYMBOLS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const SPACES = [" ", "\t", "\u00a0"];
// Accents, sharp s (upper-cases to "SS"), Cyrillic, CJK, an astral emoji, a dotted capital I and a ligature (NFKC).
const UNICODE = ["é", "ß", "Ж", "λ", "漢", "字", "😀", "İ", "ﬁ", "ø"];

const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Array.from(LETTERS)) },
  { weight: 3, arbitrary: fc.constantFrom(...Array.from(SYMBOLS)) },
  { weight: 1, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
);

/**
 * 8 to 64 characters from letters, symbols, spaces and Unicode; at least 8 once trimmed, not a run of one character,
 * and a value a credential field accepts (no control characters: the text rule refuses them at the door).
 */
export const secretArb = fc
  .array(unit, { minLength: 8, maxLength: 64 })
  .map((units) => units.join(""))
  .filter((s) => Array.from(s.trim()).length >= 8 && new Set(s.replace(/\s/g, "")).size >= 4 && isCleanText(s));

/** Filler around the echo: what a vendor's error text might say. */
export const vendorWordsArb = fc.string({
  unit: fc.constantFrom(...Array.from("abcdefghij klmnop:.,'\"-_(){}<>&%+=/0123456789ABCDE\n")),
  maxLength: 40,
});

// ---- encodings -------------------------------------------------------------------------------------------------

const codePoints = (s: string) => Array.from(s);
const cp = (c: string) => c.codePointAt(0)!;
const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

export const json = (s: string) => JSON.stringify(s).slice(1, -1);
export const jsonAscii = (s: string) =>
  json(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
const HTML_MIN: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const htmlMin = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_MIN[c]);
export const htmlDec = (s: string) =>
  codePoints(s)
    .map((c) => (isAlnum(c) ? c : `&#${cp(c)};`))
    .join("");
export const htmlHex = (s: string, upper = false) =>
  codePoints(s)
    .map((c) => {
      const hex = cp(c).toString(16);
      return `&#x${upper ? hex.toUpperCase() : hex};`;
    })
    .join("");
// HTML5 names for ASCII punctuation.
const HTML_NAMES: Record<string, string> = {
  "!": "excl",
  '"': "quot",
  "#": "num",
  $: "dollar",
  "%": "percnt",
  "&": "amp",
  "'": "apos",
  "(": "lpar",
  ")": "rpar",
  "*": "ast",
  "+": "plus",
  ",": "comma",
  ".": "period",
  "/": "sol",
  ":": "colon",
  ";": "semi",
  "<": "lt",
  "=": "equals",
  ">": "gt",
  "?": "quest",
  "@": "commat",
  "[": "lsqb",
  "\\": "bsol",
  "]": "rsqb",
  "^": "Hat",
  _: "lowbar",
  "`": "grave",
  "{": "lcub",
  "|": "verbar",
  "}": "rcub",
};
export const htmlNamed = (s: string) =>
  codePoints(s)
    .map((c) => (HTML_NAMES[c] ? `&${HTML_NAMES[c]};` : c))
    .join("");
export const url = (s: string) => encodeURIComponent(s);
export const urlLower = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
export const form = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
export const percentAll = (s: string) =>
  [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
export const collapse = (s: string) => s.replace(/\s+/g, " ");

/** The characters of base64(prefix + bytes + anything) that depend on `bytes` alone, for each of the 3 alignments. */
export function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k, 0xff), bytes]).toString("base64");
    const from = Math.ceil((8 * k) / 6);
    const to = Math.floor((8 * (k + bytes.length) - 6) / 6) + 1;
    const core = b64.slice(from, to);
    out.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

// ---- how a vendor echoes ---------------------------------------------------------------------------------------

export interface Echo {
  name: string;
  apply(secret: string): string;
}

const b64 = (bytes: Buffer, urlSafe: boolean) => (urlSafe ? bytes.toString("base64url") : bytes.toString("base64"));
const wrap76 = (s: string) => s.replace(/(.{76})/g, "$1\r\n");

/** The secret itself transformed: as is, case, whitespace, or inside a base64 blob at any offset, or a Basic pair. */
const innerArb: fc.Arbitrary<Echo> = fc.oneof(
  fc.constant<Echo>({ name: "verbatim", apply: (s) => s }),
  fc.constant<Echo>({ name: "upper", apply: (s) => s.toUpperCase() }),
  fc.constant<Echo>({ name: "lower", apply: (s) => s.toLowerCase() }),
  fc.constant<Echo>({ name: "collapsed", apply: collapse }),
  fc
    .record({
      before: fc.uint8Array({ maxLength: 5 }),
      after: fc.uint8Array({ maxLength: 5 }),
      urlSafe: fc.boolean(),
      wrapped: fc.boolean(),
    })
    .map<Echo>(({ before, after, urlSafe, wrapped }) => ({
      name: `base64(${before.length}+secret+${after.length}${urlSafe ? ", url-safe" : ""}${wrapped ? ", wrapped" : ""})`,
      apply: (s) => {
        const text = b64(Buffer.concat([Buffer.from(before), Buffer.from(s, "utf8"), Buffer.from(after)]), urlSafe);
        return wrapped ? wrap76(text) : text;
      },
    })),
  fc
    .string({
      unit: fc.constantFrom(...Array.from("abcdefghijklmnopqrstuvwxyz0123456789._-")),
      minLength: 1,
      maxLength: 12,
    })
    .map<Echo>((user) => ({
      name: `basic(${user}:secret)`,
      apply: (s) => `Basic ${Buffer.from(`${user}:${s}`, "utf8").toString("base64")}`,
    })),
);

const WRAPPERS: Echo[] = [
  { name: "json", apply: json },
  { name: "json-ascii", apply: jsonAscii },
  { name: "html-min", apply: htmlMin },
  { name: "html-dec", apply: htmlDec },
  { name: "html-hex", apply: (s) => htmlHex(s) },
  { name: "html-HEX", apply: (s) => htmlHex(s, true) },
  { name: "html-named", apply: htmlNamed },
  { name: "url", apply: url },
  { name: "url-lower", apply: urlLower },
  { name: "form", apply: form },
  { name: "percent-all", apply: percentAll },
  { name: "upper", apply: (s) => s.toUpperCase() },
  { name: "lower", apply: (s) => s.toLowerCase() },
  { name: "collapsed", apply: collapse },
];

/** An inner transform, then up to two encodings (JSON, HTML entities, URL/form, case, whitespace), composed. */
export const echoArb: fc.Arbitrary<Echo> = fc
  .tuple(innerArb, fc.array(fc.constantFrom(...WRAPPERS), { maxLength: 2 }))
  .map(([inner, wrappers]) => ({
    name: [inner.name, ...wrappers.map((w) => w.name)].join(" > "),
    apply: (s: string) => wrappers.reduce((text, w) => w.apply(text), inner.apply(s)),
  }));

/** What a vendor does to its whole text afterwards: nothing, cut it anywhere, collapse spaces, change case, escape it. */
export const afterArb: fc.Arbitrary<Echo> = fc.oneof(
  fc.constant<Echo>({ name: "as is", apply: (t) => t }),
  fc.nat({ max: 400 }).map<Echo>((n) => ({ name: `cut at ${n}`, apply: (t) => t.slice(0, n) })),
  fc.constant<Echo>({ name: "collapsed", apply: collapse }),
  fc.constant<Echo>({ name: "upper", apply: (t) => t.toUpperCase() }),
  fc.constant<Echo>({ name: "json", apply: json }),
  fc.constant<Echo>({ name: "html-min", apply: htmlMin }),
);

/** A vendor's error text holding the secret: filler, the echo, filler, then a whole-text transformation. */
export const vendorTextArb = fc.record({
  before: vendorWordsArb,
  echo: echoArb,
  after: vendorWordsArb,
  then: afterArb,
});
export type VendorText = { before: string; echo: Echo; after: string; then: Echo };
export const renderVendorText = (v: VendorText, secret: string) =>
  v.then.apply(`${v.before}${v.echo.apply(secret)}${v.after}`);
export const describeVendorText = (v: VendorText) =>
  `${JSON.stringify(v.before)} + [${v.echo.name}] + ${JSON.stringify(v.after)}, then ${v.then.name}`;

// ---- the check -------------------------------------------------------------------------------------------------

const PIECE = 8;
const caseFold = (s: string) => s.normalize("NFKC").toUpperCase().toLowerCase();

/** Every 8-character piece of `secret`, in every encoding above, case-folded; only forms of 8 characters or more. */
export function forbiddenPieces(secret: string): string[] {
  const chars = codePoints(secret);
  const found = new Set<string>();
  for (let i = 0; i + PIECE <= chars.length; i++) {
    const piece = chars.slice(i, i + PIECE).join("");
    const forms = [
      piece,
      collapse(piece),
      json(piece),
      jsonAscii(piece),
      htmlMin(piece),
      htmlDec(piece),
      htmlHex(piece),
      htmlNamed(piece),
      url(piece),
      form(piece),
      percentAll(piece),
      ...base64Cores(Buffer.from(piece, "utf8")),
    ];
    for (const f of forms) {
      const folded = caseFold(f);
      if (folded.trim().length >= PIECE) found.add(folded);
    }
  }
  return [...found];
}

/** The pieces of `secret` found in `text` (as is, with spaces collapsed, and with all whitespace removed). */
export function leakedPieces(text: string, secret: string | string[]): string[] {
  const hay = [caseFold(text), caseFold(collapse(text)), caseFold(text.replace(/\s+/g, ""))];
  const secrets = Array.isArray(secret) ? secret : [secret];
  return secrets.flatMap((s) => forbiddenPieces(s)).filter((piece) => hay.some((h) => h.includes(piece)));
}

/**
 * The texts a document holds, each to be checked on its own: every string value and key of a JSON document (given as
 * a value or as JSON text), or the text itself when it is not JSON. A piece is looked for inside one value, never
 * across JSON's own quotes: seven characters of a secret that a vendor cut off, followed by the closing quote of the
 * value, are not the secret's first eight even when its eighth is a quote.
 */
export function textsOf(doc: unknown): string[] {
  if (typeof doc === "string") {
    const parsed = parseJson(doc);
    return parsed === undefined || typeof parsed === "string" ? [doc] : textsOf(parsed);
  }
  if (Array.isArray(doc)) return doc.flatMap(textsOf);
  if (doc instanceof Date) return [doc.toISOString()];
  if (doc && typeof doc === "object") return Object.entries(doc).flatMap(([key, value]) => [key, ...textsOf(value)]);
  return typeof doc === "number" || typeof doc === "boolean" ? [String(doc)] : [];
}

function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The pieces of `secret` found in any text of `doc` (see `textsOf`). */
export function leakedIn(doc: unknown, secret: string | string[]): string[] {
  return [...new Set(textsOf(doc).flatMap((text) => leakedPieces(text, secret)))];
}
