import { getDb } from "@/db";
import { withDatabaseFaults } from "@/lib/database-faults";
import { verifyInboundToken } from "@/lib/inbound-api/clients";
import { INBOUND_FAULTS } from "@/lib/inbound-api/faults";

export const dynamic = "force-dynamic";

/** Lets an integrator test a token: 200 with the connector it belongs to, 401 when missing, expired or revoked. */
export const GET = withDatabaseFaults("inbound ping", INBOUND_FAULTS, async (request: Request) => {
  const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const who = await verifyInboundToken(await getDb(), token);
  if (!who)
    return Response.json(
      { error: "invalid_token" },
      { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } },
    );
  return Response.json({ ok: true, connectorId: who.connectorId, clientId: who.clientId });
});
