import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { services } from "@/db/schema";
import type { ApiConnector } from "@/lib/api/connectors";
import { createApiToken } from "@/lib/api-tokens/manage";
import { createConnector, createOrganisation } from "../../helpers/factories";

/** An organisation with two connectors (credentials holding unique secrets), one service between them and a token. */
export async function makeApiOrg(db: Db) {
  const { orgId, admin } = await createOrganisation(db);
  const secrets = [`sek_${randomBytes(12).toString("hex")}`, `sek_${randomBytes(12).toString("hex")}`];
  const source = await createConnector(db, orgId, {
    systemId: "sandbox",
    authType: "api-key",
    credentials: { apiKey: secrets[0] },
    name: "Alpha source",
    environment: "live",
  });
  const destination = await createConnector(db, orgId, {
    systemId: "sandbox",
    authType: "api-key",
    credentials: { apiKey: secrets[1] },
    name: "Beta destination",
    environment: "test",
  });
  const [service] = await db
    .insert(services)
    .values({ orgId, name: "Orders", sourceConnectorId: source.id, destinationConnectorId: destination.id })
    .returning();
  const { token, id: tokenId } = await createApiToken(db, admin, { name: "Engine" });
  return { orgId, admin, source, destination, service, token, tokenId, secrets };
}
export type ApiOrg = Awaited<ReturnType<typeof makeApiOrg>>;

export type Handler = (request: Request, args: { params: Promise<never> }) => Promise<Response>;

/**
 * An API answer's JSON as a test reads it: the route's body `T`, or the error body. Both are typed as present; a field
 * the route did not send reads as undefined and fails the expectation on it, as it would with untyped JSON.
 */
export type ApiJson<T> = T & { error: { code: string; message: string; fields: Record<string, string[]> } };
export type ConnectorPage = { data: ApiConnector[]; nextCursor: string | null };
export type OneConnector = { data: ApiConnector };
export type IngestCounts = { received: number; inserted: number; updated: number; unchanged: number };

/** Calls a route handler the way Next does, and reads its JSON answer (typed as the route's body `T`). */
export async function call<T = unknown>(
  handler: Handler,
  url: string,
  init: RequestInit & { token?: string | null; params?: object; json?: unknown } = {},
) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  if (body != null && !headers.has("content-type")) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost${url}`, { ...init, headers, body, duplex: "half" } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: (text ? JSON.parse(text) : undefined) as ApiJson<T>,
  };
}

let seq = 0;
/** A valid run; `over` replaces fields. */
export function run(serviceId: string, over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    externalId: `run-${seq}-${randomBytes(3).toString("hex")}`,
    serviceId,
    startedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    finishedAt: new Date(Date.now() - 59 * 60_000).toISOString(),
    status: "ok",
    pulled: 10,
    pushed: 9,
    ...over,
  };
}
