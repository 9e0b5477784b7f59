import { getDb } from "@/db";
import { activeClient } from "@/lib/inbound-api/clients";

export const dynamic = "force-dynamic";

/** What the Inbound API connector's status check asks: does this (public) client id have a usable client? */
export async function GET(_request: Request, { params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const client = /^pbc_[A-Za-z0-9_-]{16}$/.test(clientId) ? await activeClient(await getDb(), clientId) : undefined;
  return Response.json({ active: Boolean(client) }, { status: client ? 200 : 404, headers: { "cache-control": "no-store" } });
}
