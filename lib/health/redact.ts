import type { AuthTypeDef } from "@/lib/health/contract";

export const REDACTED = "[redacted]";
// Shorter values would shred ordinary words ("a", "ok") out of every message; such secrets are not worth protecting this way.
const MIN_SECRET_LENGTH = 3;
/** No piece of a secret this long (in any encoding) may survive in a message. */
export const PIECE_LENGTH = 8;

/** Secret values of a check, as typed and trimmed: the fields marked secret, plus any the caller adds (rotated or sent tokens). */
export function secretValues(
  authType: AuthTypeDef,
  credentials: Readonly<Record<string, unknown>>,
  extra: Iterable<string> = [],
): { secrets: string[]; others: string[] } {
  const values = (secret: boolean) =>
    authType.fields
      .filter((f) => f.secret === secret)
      .map((f) => credentials[f.key])
      .filter((v): v is string => typeof v === "string" && v.trim().length >= MIN_SECRET_LENGTH)
      .flatMap((v) => (v === v.trim() ? [v] : [v, v.trim()]));
  const secrets = [...new Set([...values(true), ...[...extra].filter((v) => v.trim().length >= MIN_SECRET_LENGTH)])];
  return { secrets, others: [...values(false), ...secrets] };
}

/**
 * Every form in which a secret could appear verbatim in text: as typed, URL-encoded, base64/base64url, and
 * inside an HTTP Basic pair with any other credential value (`user:secret` is one base64 blob, in which the
 * secret's own base64 does not appear). Used to replace clean echoes with "[redacted]"; anything subtler is
 * caught by `createRedactor`'s piece check.
 */
export function secretVariants(
  authType: AuthTypeDef,
  credentials: Readonly<Record<string, unknown>>,
  extra: Iterable<string> = [],
): string[] {
  return exactVariants(secretValues(authType, credentials, extra));
}

function exactVariants({ secrets, others }: { secrets: string[]; others: string[] }): string[] {
  // Padding stripped: "=" only appears at the very end, so the unpadded form also matches inside longer text.
  const b64 = (s: string) =>
    [Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url")].map((v) => v.replace(/=+$/, ""));
  const found = new Set<string>();
  for (const s of secrets) {
    [s, encodeURIComponent(s), ...b64(s)].forEach((v) => found.add(v));
    for (const o of others) [...b64(`${o}:${s}`), ...b64(`${s}:${o}`)].forEach((v) => found.add(v));
  }
  // Longest first so a Basic blob is replaced whole before any shorter piece of it.
  return [...found].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every variant in `text`. */
export function redact(text: string, variants: string[]): string {
  let out = text;
  for (const v of variants) out = out.split(v).join(REDACTED);
  return out;
}

/**
 * Case, Unicode compatibility forms and whitespace made irrelevant: what a vendor's or our own clean-up may do
 * to text (collapse spaces, turn control characters into spaces, change case) is undone on both sides. Both ways
 * are looked for: whitespace runs collapsed (a vendor that collapsed them), and each whitespace character kept as one
 * space (collapsed, "!   a!a^" of a secret is a 6-character "! a!a^", too short to be a window, yet 8 characters of
 * the secret that an echo kept as "!%20%20%20a!a%5E").
 */
function foldings(text: string): string[] {
  const folded = text.normalize("NFKC").toUpperCase().toLowerCase();
  const spaced = folded.replace(/[\s\p{Cc}]/gu, " ");
  const collapsed = folded.replace(/[\s\p{Cc}]+/gu, " ");
  return collapsed === spaced ? [spaced] : [collapsed, spaced];
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  excl: "!",
  num: "#",
  dollar: "$",
  percnt: "%",
  lpar: "(",
  rpar: ")",
  ast: "*",
  midast: "*",
  plus: "+",
  comma: ",",
  period: ".",
  sol: "/",
  colon: ":",
  semi: ";",
  equals: "=",
  quest: "?",
  commat: "@",
  lsqb: "[",
  lbrack: "[",
  bsol: "\\",
  rsqb: "]",
  rbrack: "]",
  hat: "^",
  lowbar: "_",
  underbar: "_",
  grave: "`",
  lcub: "{",
  lbrace: "{",
  verbar: "|",
  vert: "|",
  vertline: "|",
  rcub: "}",
  rbrace: "}",
  tilde: "~",
  newline: "\n",
  tab: "\t",
};

function fromCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

function htmlDecode(text: string): string {
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g,
    (all, dec?: string, hex?: string, name?: string) =>
      (dec
        ? fromCodePoint(Number(dec))
        : hex
          ? fromCodePoint(parseInt(hex, 16))
          : NAMED_ENTITIES[(name ?? "").toLowerCase()]) ?? all,
  );
}

function jsonUnescape(text: string): string {
  const simple: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
  // \U00E9 and \T too: a vendor may change the case of the whole text after escaping it.
  return text.replace(/\\([uU][0-9a-fA-F]{4}|.)/gs, (_all, c: string) =>
    c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (simple[c.toLowerCase()] ?? c),
  );
}

/** Bytes in the UTF-8 sequence a lead byte starts (0: not a lead byte). */
const utf8Length = (b: number) =>
  b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;

/**
 * %XX runs decoded as UTF-8, one sequence at a time. A byte that starts no valid sequence stays as written ("%aa"
 * before an echoed "aa!!" must not eat the echo's first characters into a replacement character).
 */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ""), "hex");
    let out = "";
    for (let i = 0; i < bytes.length;) {
      const n = utf8Length(bytes[i]);
      const sequence = n > 0 && i + n <= bytes.length ? bytes.subarray(i, i + n).toString("utf8") : "";
      if (sequence && !sequence.includes("\ufffd")) {
        out += sequence;
        i += n;
      } else {
        out += run.slice(i * 3, i * 3 + 3);
        i += 1;
      }
    }
    return out;
  });
}

const DECODERS = [jsonUnescape, htmlDecode, percentDecode, (text: string) => percentDecode(text.replace(/\+/g, " "))];
const MAX_DECODINGS = 24;

/**
 * The text with JSON escapes, HTML entities, %XX and form "+" peeled in every order, up to three layers deep, each
 * intermediate result kept (one decoder can eat what another produced: "&bsol; " decodes to a backslash that a JSON
 * unescape would then swallow). Text without any escape character costs nothing here.
 */
function decodings(text: string): string[] {
  const seen = new Set([text]);
  let frontier = [text];
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const t of frontier) {
      for (const decode of DECODERS) {
        const out = decode(t);
        if (seen.has(out) || seen.size >= MAX_DECODINGS) continue;
        seen.add(out);
        next.push(out);
      }
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * The base64 of `bytes` wherever they sit inside a larger blob: one core per alignment (0, 1 or 2 bytes before),
 * keeping only the characters that depend on these bytes alone. Some alignment always appears in the blob's base64.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const n = k + bytes.length;
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString("base64");
    const core = b64.slice(Math.ceil((8 * k) / 6), Math.floor((8 * n - 6) / 6) + 1);
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/**
 * The forms of a secret whose windows are looked for: itself and its base64 cores. JSON, HTML and URL forms need
 * none of their own, since the text is decoded before the check; base64 cannot be decoded out of free text.
 */
function encodedForms(s: string): string[] {
  return [s, ...base64Cores(Buffer.from(s, "utf8"))];
}

const PLAIN = /^[\p{L}\p{M} ]$/u;

export interface Redactor {
  /** Vendor text with clean echoes replaced, or undefined when any piece of a secret survives in any form (drop it). */
  apply(text: string): string | undefined;
  /**
   * Our own wording (and anything a probe forgot to mark): clean echoes replaced, or undefined when a distinctive
   * piece of a secret (one holding a digit or symbol) survives. Pieces made only of letters and spaces are ordinary
   * words here ("password"), which our sentences use.
   */
  own(text: string): string | undefined;
}

/**
 * Built once per check, only when a probe returned text. Clean echoes of a secret become "[redacted]"; then the
 * text is decoded (JSON, HTML entities, %XX, form "+", in every order), case- and whitespace-folded, and if any
 * 8-character window of any secret (or of its base64 at any alignment) is still in it, the text is dropped.
 * Windows make the check immune to truncation and to anything done to the text around the secret.
 */
export function createRedactor(values: { secrets: string[]; others: string[] }): Redactor {
  const exact = exactVariants(values);
  // Every 8-character window; true when it holds something other than letters and spaces (distinctive).
  const windows = new Map<string, boolean>();
  const short: string[] = [];
  for (const s of values.secrets) {
    for (const [form, folded] of encodedForms(s).flatMap((f) => foldings(f).map((g) => [f, g] as const))) {
      if (folded.length < PIECE_LENGTH) {
        // Too short for windows: a whole-value match decides, from six characters (shorter would match ordinary words).
        if (form === s && folded.trim().length >= 6) short.push(folded.trim());
        continue;
      }
      // Distinctive: the window holds a character that is not a letter or a space (counted as the window slides).
      // Code units, as the text is scanned; half of a surrogate pair counts as distinctive.
      const odd: number[] = [];
      for (let i = 0; i < folded.length; i++) {
        const c = folded.charCodeAt(i);
        odd.push((c >= 97 && c <= 122) || c === 32 || (c > 127 && PLAIN.test(folded[i])) ? 0 : 1);
      }
      let inWindow = 0;
      for (let i = 0; i < folded.length; i++) {
        inWindow += odd[i] - (i >= PIECE_LENGTH ? odd[i - PIECE_LENGTH] : 0);
        if (i + 1 < PIECE_LENGTH) continue;
        const w = folded.slice(i + 1 - PIECE_LENGTH, i + 1);
        if (!windows.get(w)) windows.set(w, inWindow > 0);
      }
    }
  }
  const holdsPiece = (text: string, distinctiveOnly: boolean): boolean => {
    const forms = [...new Set(decodings(text).flatMap(foldings))];
    for (const f of [...forms]) if (f.includes(" ")) forms.push(f.replace(/ /g, "")); // base64 wrapped over lines
    for (const f of forms) {
      for (let i = 0; i + PIECE_LENGTH <= f.length; i++) {
        const hit = windows.get(f.slice(i, i + PIECE_LENGTH));
        if (hit !== undefined && (hit || !distinctiveOnly)) return true;
      }
      if (!distinctiveOnly && short.length > 0 && short.some((s) => f.split(REDACTED).some((part) => part.includes(s))))
        return true;
    }
    return false;
  };
  return {
    apply(text) {
      const replaced = redact(text, exact);
      return holdsPiece(replaced, false) ? undefined : replaced;
    },
    own(text) {
      const replaced = redact(text, exact);
      return holdsPiece(replaced, true) ? undefined : replaced;
    },
  };
}
