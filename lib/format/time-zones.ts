/**
 * Time zone names: every IANA name this runtime knows and its aliases are accepted (Europe/Kyiv and Europe/Kiev,
 * US/Eastern, Asia/Calcutta), and each is shown and stored under one current name. Pure Intl, so the server and the
 * browser (the wizard's default from the browser's own zone) agree.
 */

/**
 * Old names the runtime's zone data (CLDR) still lists as canonical, by the current IANA name the tz database
 * renamed them to. A name is used only when the runtime accepts it.
 */
const RENAMED: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Mendoza": "America/Argentina/Mendoza",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** Region/City names (and UTC, GMT, EST5EDT…): never a numeric offset, which newer runtimes also accept. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const current = (cldr: string) => {
  const renamed = RENAMED[cldr];
  return renamed && resolve(renamed) ? renamed : cldr;
};

/**
 * The name to show and store for any zone name or alias the runtime accepts, in any letter case ("europe/kiev" and
 * "Europe/Kyiv" are both Europe/Kyiv); undefined for anything else.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length > 100 || !ZONE_NAME.test(trimmed)) return undefined;
  const resolved = resolve(trimmed);
  return resolved ? current(resolved) : undefined;
}

export const isTimeZone = (name: string) => canonicalTimeZone(name) !== undefined;

let zones: string[] | undefined;
/** Every zone this runtime lists, under its current name, plus UTC (Intl lists it separately), sorted. */
export function timeZones(): string[] {
  zones ??= [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone").map(current)])].sort((a, b) =>
    a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b),
  );
  return zones;
}

/** The browser's own zone as the list names it, when the runtime knows it; else undefined. */
export function browserTimeZone(): string | undefined {
  try {
    return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return undefined;
  }
}
