import { and, eq, isNotNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { connectors, sandboxAccounts } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { decryptCredentials, encryptCredentials } from "@/lib/crypto/credentials";
import { AppError, forbidden } from "@/lib/errors";
import { claimSandboxKey, hashSandboxKey } from "@/lib/sandbox/accounts";
import { parseCredentials } from "@/lib/systems/schema";
import { recordAudit } from "./audit";
import { loadConnector, nameTaken, requireSystem } from "./lookup";
import { assertSavable, checkCandidate, recordSaveCheck, type SaveOptions } from "./save-check";
import type { connectorGeneralSchema } from "./schemas";

const LABELS = { name: "name", timeZone: "time zone", dateFormat: "date format" } as const;

export async function updateConnectorGeneral(db: Db, actor: SessionUser, input: z.output<typeof connectorGeneralSchema> & { connectorId: string }) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const current = await loadConnector(db, { orgId: actor.orgId, id: input.connectorId });
  const changed = (Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((k) => current[k] !== input[k]);
  if (changed.length === 0) return { changed };
  if (changed.includes("name") && (await nameTaken(db, { orgId: actor.orgId, name: input.name, exceptId: current.id }))) {
    throw new AppError("CONFLICT", "That name is taken.", { name: ["Another connector already has this name."] });
  }
  const describe = (k: keyof typeof LABELS) => `${LABELS[k]} from "${current[k]}" to "${input[k]}"`;
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(connectors)
        .set({ name: input.name, timeZone: input.timeZone, dateFormat: input.dateFormat, updatedAt: new Date() })
        .where(and(eq(connectors.orgId, actor.orgId), eq(connectors.id, current.id)));
      await recordAudit(tx, actor, { action: "connector.updated", summary: `Changed ${changed.map(describe).join(", ")}`, connectorId: current.id, connectorName: input.name, fields: changed });
    });
  } catch (error) {
    if (isUniqueViolation(error, "connectors_org_name_uq")) throw new AppError("CONFLICT", "That name is taken.", { name: ["Another connector already has this name."] });
    throw error;
  }
  return { changed };
}

/**
 * Replaces credentials. With the same auth type, a secret left blank keeps its stored value; a new auth type needs
 * all of its fields. The new details are checked with the wizard's save rule; every service using the connector
 * picks them up at once (services reference the connector, not a copy of its credentials).
 */
export async function updateConnectorCredentials(
  db: Db,
  actor: SessionUser,
  input: { connectorId: string; authType: string; credentials: Record<string, unknown>; saveOffline: boolean },
  opts: SaveOptions = {},
) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const current = await loadConnector(db, { orgId: actor.orgId, id: input.connectorId });
  const { system, authType } = requireSystem(current.systemId, input.authType);
  if (!system || !authType) throw new AppError("INVALID", "Choose an authentication type from the list.", { authType: ["Choose an authentication type from the list."] });
  const sameType = authType.id === current.authType;
  const stored = decryptCredentials(current.id, current.credentials);
  const submitted = Object.fromEntries(
    authType.fields.map((f) => {
      const raw = input.credentials[f.key];
      const blank = raw === undefined || raw === null || String(raw).trim() === "";
      return [f.key, f.secret && blank && sameType ? stored[f.key] : raw];
    }),
  );
  const parsed = parseCredentials(authType, submitted);
  if (!parsed.ok) {
    throw new AppError("INVALID", "Please correct the credentials marked below.", Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [`credentials.${k}`, v])));
  }
  const credentials = parsed.data;
  const changed = authType.fields.map((f) => f.key).filter((k) => !sameType || credentials[k] !== stored[k]);
  if (changed.length === 0) return { changed, result: undefined };

  const newSandboxKey = system.id === "sandbox" && credentials.apiKey !== stored.apiKey;
  if (newSandboxKey) await claimSandboxKey(db, { orgId: actor.orgId, forConnectorId: current.id, name: current.name, apiKey: credentials.apiKey });
  const result = await checkCandidate(system, authType.id, credentials, { allowPrivateNetwork: current.allowPrivateNetwork, ...opts });
  assertSavable(result, input.saveOffline);

  await db.transaction(async (tx) => {
    if (newSandboxKey) {
      await tx.update(sandboxAccounts).set({ connectorId: null }).where(and(eq(sandboxAccounts.connectorId, current.id), isNotNull(sandboxAccounts.connectorId)));
      await tx.update(sandboxAccounts).set({ connectorId: current.id }).where(and(eq(sandboxAccounts.orgId, actor.orgId), eq(sandboxAccounts.keyHash, hashSandboxKey(credentials.apiKey))));
    }
    await tx
      .update(connectors)
      .set({ authType: authType.id, ...encryptCredentials(current.id, credentials), pendingStatus: null, pendingCount: 0, consecutiveFailures: 0, updatedAt: new Date() })
      .where(and(eq(connectors.orgId, actor.orgId), eq(connectors.id, current.id)));
    await recordSaveCheck(tx, { orgId: actor.orgId, connectorId: current.id, credentials, result, overrides: opts.checkOverrides });
    const what = sameType ? `Changed credentials: ${changed.join(", ")}` : `Switched authentication to ${authType.label} (${changed.join(", ")})`;
    await recordAudit(tx, actor, { action: "connector.credentials_changed", summary: what, connectorId: current.id, connectorName: current.name, fields: sameType ? changed : ["authType", ...changed] });
  });
  return { changed, result };
}
