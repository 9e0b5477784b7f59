import type { CheckStatus, ReasonCode } from "./contract";

interface ReasonInfo {
  status: CheckStatus;
  /** What happened, in one sentence. */
  message: string;
  /** What the user should check. Systems can override per reason (SystemDef.hints). */
  hint: string;
}

/** Default wording per reason. Probes and systems override where they know better. */
export const REASONS: Record<ReasonCode, ReasonInfo> = {
  ok: { status: "operational", message: "Connected and authenticated.", hint: "Nothing to do." },
  reachable_no_auth: {
    status: "operational",
    message: "The system answered. It has no authentication to check.",
    hint: "Nothing to do.",
  },
  dns_error: {
    status: "unreachable",
    message: "The host name could not be found (DNS).",
    hint: "Check the host name, store name or URL for typos, and that the domain still exists.",
  },
  connection_refused: {
    status: "unreachable",
    message: "The server refused the connection.",
    hint: "Check the host and port, and that the service is running and accepts connections from our servers (firewall, IP allow-list).",
  },
  connection_reset: {
    status: "unreachable",
    message: "The connection was closed before the server answered.",
    hint: "Often a firewall, proxy or overloaded server. Try again; if it persists, check the server's logs and IP allow-list.",
  },
  timeout: {
    status: "unreachable",
    message: "The system did not answer in time.",
    hint: "The server may be down or overloaded, or a firewall may be silently dropping our traffic. Try again later.",
  },
  tls_error: {
    status: "unreachable",
    message: "A secure (TLS) connection could not be established.",
    hint: "Check that the URL uses the right scheme and port, and that the server's certificate is valid, not expired and issued for this host name.",
  },
  http_5xx: {
    status: "unreachable",
    message: "The system answered with a server error.",
    hint: "The problem is on the system's side. Check its status page and try again later.",
  },
  not_found: {
    status: "unreachable",
    message: "The address was reached but the API was not found there (HTTP 404).",
    hint: "Check the URL, store name or account id: it probably points at the wrong place.",
  },
  unexpected_response: {
    status: "unreachable",
    message: "The system gave an answer we did not expect.",
    hint: "Check that the URL points at the system's API (not a website, login page or proxy).",
  },
  blocked_address: {
    status: "unreachable",
    message: "The address resolves to a private or reserved network, which health checks may not reach.",
    hint: "Use the system's public address. If it really lives on a private network, an administrator can allow private networks for this connector.",
  },
  cross_origin_redirect: {
    status: "unreachable",
    message: "The system redirected us to another address, and Patchbay does not send credentials there.",
    hint: "Patchbay does not send credentials to another address. Update the URL if the system has moved.",
  },
  invalid_credentials: {
    status: "auth_failed",
    message: "The system rejected the credentials.",
    hint: "Check the credentials for typos, and that they have not been revoked, regenerated or expired.",
  },
  forbidden: {
    status: "auth_failed",
    message: "The credentials were accepted but do not have access to this resource (HTTP 403).",
    hint: "Check the permissions (scopes, role, API access) granted to these credentials.",
  },
  token_rejected: {
    status: "auth_failed",
    message: "The system refused to issue an access token.",
    hint: "Check the client id, client secret and any scope or account fields.",
  },
  header_stripped: {
    status: "auth_failed",
    message: "The request arrived without its credentials: something in front of the application removed them.",
    hint: "A web server, proxy or security plugin is stripping the Authorization header. Ask the host to pass it through.",
  },
  host_key_mismatch: {
    status: "auth_failed",
    message: "The server's host key does not match the expected fingerprint.",
    hint: "If the server was rebuilt or its key rotated, confirm the new fingerprint with its administrator and update it. Otherwise treat this as a possible interception.",
  },
  account_inactive: {
    status: "auth_failed",
    message: "The account on the system is frozen, locked or suspended.",
    hint: "The account owner needs to sign in to the system and resolve the account's status (billing, lock or suspension).",
  },
  throttled: {
    status: "operational",
    message: "Reached, but the system is rate-limiting us (HTTP 429).",
    hint: "Nothing is broken. The next check waits for the system's Retry-After time.",
  },
};
