import type { ConnectorStatus } from "@/db/schema";

/** The product's wording for each status, used by badges, banners, e-mails and exports alike. */
export const STATUS_LABELS: Record<ConnectorStatus, string> = {
  unknown: "Not checked yet",
  operational: "Operational",
  unreachable: "System Unreachable",
  auth_failed: "Failed Authentication",
};

export const STATUS_DESCRIPTIONS: Record<ConnectorStatus, string> = {
  unknown: "This connector has not been checked yet; the first check runs within minutes.",
  operational: "The system can be reached and authenticated with the details provided.",
  unreachable: "The system cannot be reached with the address provided.",
  auth_failed: "Authentication cannot be completed using the details provided.",
};
