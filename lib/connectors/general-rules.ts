import { textProblem } from "@/lib/validation/text";
import { pass, refuse, type RuleResult } from "@/lib/validation/rule";
import { DATE_FORMAT_IDS, type DateFormatId } from "@/lib/format/date";
import { canonicalTimeZone } from "@/lib/format/time-zones";

/**
 * The rules for a connector's general fields, shared by the server (./schemas.ts) and the add-connector wizard in the
 * browser (components/connectors/wizard/validate.ts). Pure and free of server-only imports.
 */

export const CONNECTOR_NAME_MAX = 80;
const TIME_ZONE_MAX = 100;
const TIME_ZONE_MESSAGE = "Choose a time zone from the list (for example Europe/London).";

/** Text people type: one NFC form for characters typed two ways, without surrounding spaces. */
const tidy = (raw: string) => raw.normalize("NFC").trim();

export function checkConnectorName(raw: string): RuleResult {
  const value = tidy(raw);
  const problem = textProblem(value, { name: true });
  if (problem) return refuse(`Name ${problem}.`);
  if (!value) return refuse("Name is required.");
  if (value.length > CONNECTOR_NAME_MAX) return refuse(`Use at most ${CONNECTOR_NAME_MAX} characters.`);
  return pass(value);
}

/**
 * Any IANA zone name or alias (Europe/Kyiv and Europe/Kiev), stored under its current name (lib/format/time-zones).
 * The server and the browser run the same Intl check.
 */
export function checkTimeZone(raw: string): RuleResult {
  const value = tidy(raw);
  const problem = textProblem(value);
  if (problem) return refuse(`Time zone ${problem}.`);
  const zone = value.length <= TIME_ZONE_MAX ? canonicalTimeZone(value) : undefined;
  return zone ? pass(zone) : refuse(TIME_ZONE_MESSAGE);
}

export function checkDateFormat(raw: string): RuleResult<DateFormatId> {
  const id = DATE_FORMAT_IDS.find((f) => f === raw);
  return id ? pass(id) : refuse("Choose a date format from the list.");
}
