import type { Direction } from "@/db/queries/connector-summary";

/**
 * A connector's part in a service, for server and client components alike (a constant exported by a client
 * component's module would reach a server component as a reference, not as its value).
 */
export const DIRECTION_LABELS: Record<Direction, string> = {
  source: "Source: data pulled from here",
  destination: "Destination: data pushed here",
  both: "Source and destination",
};

/** The same in a word (failed syncs). */
export const DIRECTION_SHORT: Record<Direction, string> = {
  source: "Source",
  destination: "Destination",
  both: "Source and destination",
};
