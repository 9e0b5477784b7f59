import { getDb } from "@/db";
import { findActiveInboundClient } from "@/db/queries/inbound-api";
import { withDatabaseFaults } from "@/lib/database-faults";
import { INBOUND_FAULTS } from "@/lib/inbound-api/faults";
import { CLIENT_ID_PATTERN } from "@/lib/inbound-api/schemas";

export const dynamic = "force-dynamic";

/** What the Inbound API connector's status check asks: does this (public) client id have a usable client? */
export const GET = withDatabaseFaults(
  "inbound client status",
  INBOUND_FAULTS,
  async (_request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
    const { clientId } = await params;
    const client = CLIENT_ID_PATTERN.test(clientId)
      ? await findActiveInboundClient(await getDb(), clientId)
      : undefined;
    return Response.json(
      { active: Boolean(client) },
      { status: client ? 200 : 404, headers: { "cache-control": "no-store" } },
    );
  },
);
