import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db";
import { scheduleConnectorCheckNow } from "@/db/queries/connectors";
import {
  findActiveInboundClient,
  insertInboundClient,
  recordInboundTokenIssued,
  revokeActiveInboundClients,
} from "@/db/queries/inbound-api";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { recordAudit } from "@/lib/audit/record";
import { loadConnector } from "@/lib/connectors/lookup";
import { encryptCredentials } from "@/lib/crypto/credentials";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { getSystem } from "@/lib/systems";
import type { TokenResponse } from "./schemas";

/**
 * The Inbound API: the platform is the server. It issues a client id and a secret (shown once, stored as a hash);
 * the token endpoint exchanges them for 24-hour bearer tokens signed by the app. Issuing a new secret revokes the
 * previous client, so a leaked secret is dead the moment its replacement exists.
 */
export const TOKEN_TTL_S = 24 * 60 * 60;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const tokenKey = () => createHmac("sha256", env.AUTH_SECRET).update("inbound-api-token-v1").digest();

export async function issueInboundClient(db: Db, actor: SessionUser, { connectorId }: { connectorId: string }) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const connector = await loadConnector(db, { orgId: actor.orgId, id: connectorId });
  if (!getSystem(connector.systemId)?.capabilities?.issuedClients)
    throw new AppError("INVALID", "Only Inbound API connectors have platform-issued clients.");
  const clientId = `pbc_${randomBytes(12).toString("base64url")}`;
  const secret = `pbs_${randomBytes(32).toString("base64url")}`;
  await db.transaction(async (tx) => {
    const scope = { orgId: actor.orgId, connectorId: connector.id };
    await revokeActiveInboundClients(tx, scope);
    await insertInboundClient(tx, { ...scope, clientId, secretHash: sha256(secret) });
    // The connector's only credential is the (public) client id: what its status check asks the token service about.
    await scheduleConnectorCheckNow(
      tx,
      { orgId: actor.orgId, id: connector.id },
      encryptCredentials(connector.id, { clientId }),
    );
    await recordAudit(tx, actor, {
      action: "connector.credentials_changed",
      summary: "Issued a new Inbound API client (the previous one is revoked)",
      connectorId: connector.id,
      connectorName: connector.name,
      fields: ["clientId", "clientSecret"],
    });
  });
  return { clientId, secret };
}

export async function revokeInboundClients(db: Db, actor: SessionUser, { connectorId }: { connectorId: string }) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const connector = await loadConnector(db, { orgId: actor.orgId, id: connectorId });
  await db.transaction(async (tx) => {
    await revokeActiveInboundClients(tx, { orgId: actor.orgId, connectorId: connector.id });
    await scheduleConnectorCheckNow(tx, { orgId: actor.orgId, id: connector.id });
    await recordAudit(tx, actor, {
      action: "connector.credentials_changed",
      summary: "Revoked the Inbound API client",
      connectorId: connector.id,
      connectorName: connector.name,
      fields: ["clientId"],
    });
  });
}

/** client_credentials exchange. One answer for every wrong combination. */
export async function exchangeToken(
  db: Db,
  { clientId, secret }: { clientId: string; secret?: string },
  now = Date.now(),
): Promise<TokenResponse | null> {
  const client = clientId ? await findActiveInboundClient(db, clientId) : undefined;
  const given = Buffer.from(sha256(secret ?? ""));
  const expected = Buffer.from(client?.secretHash ?? sha256(`no-client:${randomBytes(8).toString("hex")}`));
  if (!client || !timingSafeEqual(given, expected)) return null;
  await recordInboundTokenIssued(db, { orgId: client.orgId, id: client.id, at: new Date(now) });
  const payload = Buffer.from(
    JSON.stringify({
      cid: client.clientId,
      org: client.orgId,
      con: client.connectorId,
      exp: Math.floor(now / 1000) + TOKEN_TTL_S,
    }),
  ).toString("base64url");
  const sig = createHmac("sha256", tokenKey()).update(payload).digest("base64url");
  return { access_token: `pbt_${payload}.${sig}`, token_type: "Bearer", expires_in: TOKEN_TTL_S };
}

/** A bearer token from exchangeToken, still within its 24 hours and its client still active; else null. */
export async function verifyInboundToken(db: Db, token: string, now = Date.now()) {
  const m = /^pbt_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return null;
  const sig = createHmac("sha256", tokenKey()).update(m[1]).digest();
  const given = Buffer.from(m[2], "base64url");
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) return null;
  const claims = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8")) as {
    cid: string;
    org: string;
    con: string;
    exp: number;
  };
  if (claims.exp * 1000 <= now) return null;
  const client = await findActiveInboundClient(db, claims.cid);
  return client ? { orgId: client.orgId, connectorId: client.connectorId, clientId: client.clientId } : null;
}
