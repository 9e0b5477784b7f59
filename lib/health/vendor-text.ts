/**
 * Vendor text (an API's error message, a server's reply, a network library's error) is marked where a probe puts
 * it into a message, so the engine can treat it apart from our own words: it redacts the raw text first, drops it
 * when any piece of a secret survives in any encoding, and only then cleans and shortens it. Our own wording around
 * it is kept. Probes never clean or cut vendor text themselves (a cut or collapsed secret would escape redaction).
 */
const OPEN = "\uE000";
const SEP = "\uE002";
const CLOSE = "\uE001";
const MARKERS = /[\uE000-\uE002]/g;
// A segment cut short (its close marker lost) still runs to the end of the text: it stays vendor text.
const SEGMENT = /\uE000(\d+)\uE002([^\uE000-\uE002]*)(?:\uE001|$)/g;
// Read no further: a cut here is safe because the piece check still sees any 8 characters of a secret before it.
const MAX_RAW = 4096;
export const DEFAULT_VENDOR_TEXT_LENGTH = 160;

/** Marks a piece of vendor text for a message (shown at most `max` characters); undefined when there is no text. */
export function vendorText(value: unknown, max = DEFAULT_VENDOR_TEXT_LENGTH): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const raw = String(value).replace(MARKERS, "").slice(0, MAX_RAW);
  return raw.trim() ? `${OPEN}${Math.max(1, Math.floor(max))}${SEP}${raw}${CLOSE}` : undefined;
}

/** Control characters become spaces, runs of spaces one. */
export function cleanText(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, " ").trim();
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…` : text;
}

/** Each marked segment through `redactVendor` (undefined drops it), then cleaned and cut to its length; markers removed. */
export function renderVendorText(
  text: string,
  redactVendor: (raw: string) => string | undefined,
  withheld: string,
): string {
  return text
    .replace(SEGMENT, (_all, max: string, raw: string) => {
      const safe = redactVendor(raw);
      return safe === undefined ? withheld : cut(cleanText(safe), Number(max));
    })
    .replace(MARKERS, "");
}
