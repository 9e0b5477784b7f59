import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-faults";

/**
 * The inbound API's answers to a failure on our side, in its OAuth-style format (RFC 6749 §5.2 error codes): the
 * database being away is temporary (503 with Retry-After), anything else a bare `server_error` (500).
 */
export const INBOUND_FAULTS = {
  unavailable: { error: "temporarily_unavailable", error_description: DATABASE_UNAVAILABLE_MESSAGE },
  internal: { error: "server_error" },
};
