import { getDb } from "@/db";
import { withDatabaseFaults } from "@/lib/database-faults";
import { exchangeToken } from "@/lib/inbound-api/clients";
import { INBOUND_FAULTS } from "@/lib/inbound-api/faults";

export const dynamic = "force-dynamic";
const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): client id and secret in HTTP Basic, or as client_id/client_secret in
 * a form or JSON body. Answers a 24-hour bearer token.
 */
export const POST = withDatabaseFaults("inbound token", INBOUND_FAULTS, async (request: Request) => {
  const type = request.headers.get("content-type") ?? "";
  const raw = (await request.text()).slice(0, 4096);
  const body: Record<string, string> = type.includes("application/json") ? safeJson(raw) : Object.fromEntries(new URLSearchParams(raw));
  const basic = /^Basic (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
  if ((body.grant_type ?? "client_credentials") !== "client_credentials") return json({ error: "unsupported_grant_type" }, 400);
  const token = await exchangeToken(await getDb(), { clientId: basicId ?? body.client_id ?? "", secret: basicSecret ?? body.client_secret ?? "" });
  if (!token) return json({ error: "invalid_client", error_description: "The client id or secret is not valid." }, 401);
  return json(token, 200);
});

function safeJson(raw: string): Record<string, string> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
