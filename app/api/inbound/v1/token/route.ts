import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { withDatabaseFaults } from "@/lib/database-faults";
import { exchangeToken } from "@/lib/inbound-api/clients";
import { INBOUND_FAULTS } from "@/lib/inbound-api/faults";
import { readTokenRequest } from "@/lib/inbound-api/token-request";

export const dynamic = "force-dynamic";
const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): client id and secret in HTTP Basic, or as client_id/client_secret in
 * a form or JSON body. Answers a 24-hour bearer token; errors use the OAuth shape `{ error, error_description }`.
 */
export const POST = withDatabaseFaults("inbound token", INBOUND_FAULTS, async (request: Request) => {
  try {
    const credentials = await readTokenRequest(request);
    const token = await exchangeToken(await getDb(), credentials);
    if (!token)
      return json({ error: "invalid_client", error_description: "The client id or secret is not valid." }, 401);
    return json(token, 200);
  } catch (error) {
    if (error instanceof ApiError)
      return json({ error: error.code, error_description: error.message }, error.status, error.headers);
    throw error;
  }
});
