import type { z } from "zod";
import type { Db } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { connectorNameTaken, replaceConnectorCredentials, setConnectorGeneral } from "@/db/queries/connectors";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-user";
import { checkConnector } from "@/lib/checks/check-connector";
import { decryptCredentials, encryptCredentials } from "@/lib/crypto/credentials";
import { AppError, forbidden } from "@/lib/errors";
import { listLabels, retypeSecretMessage, secretFields } from "@/lib/systems/destination";
import { changedDestinations, parseCredentials } from "@/lib/systems/schema";
import { loadConnector, requireSystem } from "./lookup";
import { assertSavable, type SaveOptions } from "./save-check";
import type { connectorGeneralSchema } from "./schemas";

const LABELS = { name: "name", timeZone: "time zone", dateFormat: "date format" } as const;

export async function updateConnectorGeneral(
  db: Db,
  actor: SessionUser,
  input: z.output<typeof connectorGeneralSchema> & { connectorId: string },
) {
  if (!can(actor, "connectors.manage")) throw forbidden();
  const current = await loadConnector(db, { orgId: actor.orgId, id: input.connectorId });
  const changed = (Object.keys(LABELS) as (keyof typeof LABELS)[]).filter((k) => current[k] !== input[k]);
  if (changed.length === 0) return { changed };
  if (
    changed.includes("name") &&
    (await connectorNameTaken(db, { orgId: actor.orgId, name: input.name, exceptId: current.id }))
  ) {
    throw new AppError("CONFLICT", "That name is taken.", { name: ["Another connector already has this name."] });
  }
  const describe = (k: keyof typeof LABELS) => `${LABELS[k]} from "${current[k]}" to "${input[k]}"`;
  try {
    await db.transaction(async (tx) => {
      const scope = { orgId: actor.orgId, id: current.id };
      await setConnectorGeneral(tx, scope, {
        name: input.name,
        timeZone: input.timeZone,
        dateFormat: input.dateFormat,
      });
      await recordAudit(tx, actor, {
        action: "connector.updated",
        summary: `Changed ${changed.map(describe).join(", ")}`,
        connectorId: current.id,
        connectorName: input.name,
        fields: changed,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "connectors_org_name_uq"))
      throw new AppError("CONFLICT", "That name is taken.", { name: ["Another connector already has this name."] });
    throw error;
  }
  return { changed };
}

/**
 * Replaces credentials. With the same auth type, a secret left blank keeps its stored value, unless a destination
 * field (URL, host, store, account...: see lib/systems/destination.ts) changed: a stored secret only goes where it was
 * entered for, so then every stored secret must be typed again, and the save is refused before any network call,
 * sandbox registration or write. A new auth type needs all of its fields. The new details are checked with the
 * wizard's save rule; every service using the connector picks them up at once (services reference the connector,
 * not a copy of its credentials). Refusals (by that rule or by the check) are audited, names only.
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
  if (!system || !authType)
    throw new AppError("INVALID", "Choose an authentication type from the list.", {
      authType: ["Choose an authentication type from the list."],
    });
  const sameType = authType.id === current.authType;
  const stored = decryptCredentials(current.id, current.credentials);
  const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
  const submitted = Object.fromEntries(
    authType.fields.map((f) => [
      f.key,
      f.secret && blank(input.credentials[f.key]) && sameType ? stored[f.key] : input.credentials[f.key],
    ]),
  );
  const parsed = parseCredentials(authType, submitted);
  const fieldErrors: Record<string, string[]> = parsed.ok
    ? {}
    : Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [`credentials.${k}`, v]));

  // Secrets that would be re-sent from storage, to a destination that is no longer the one they were entered for.
  const moved = sameType ? changedDestinations(authType, stored, input.credentials) : [];
  const kept = moved.length
    ? secretFields(authType).filter((f) => blank(input.credentials[f.key]) && stored[f.key])
    : [];
  if (kept.length) {
    for (const f of kept) fieldErrors[`credentials.${f.key}`] = [retypeSecretMessage(f, moved)];
    await recordAudit(db, actor, {
      action: "connector.credentials_refused",
      summary: `Refused a credentials change: the ${listLabels(moved)} changed but the ${listLabels(kept)} ${kept.length > 1 ? "were" : "was"} not typed again, so the stored ${kept.length > 1 ? "values were" : "value was"} not sent anywhere`,
      connectorId: current.id,
      connectorName: current.name,
      fields: [...moved, ...kept].map((f) => f.key),
    });
    throw new AppError(
      "INVALID",
      `Not saved: the ${listLabels(moved)} changed, so type the ${listLabels(kept)} again. A stored secret is only sent where it was entered for.`,
      fieldErrors,
    );
  }
  if (!parsed.ok) throw new AppError("INVALID", "Please correct the credentials marked below.", fieldErrors);
  const credentials = parsed.data;
  const changed = authType.fields.map((f) => f.key).filter((k) => !sameType || credentials[k] !== stored[k]);
  if (changed.length === 0) return { changed, result: undefined };

  const save = { orgId: actor.orgId, connectorId: current.id, name: current.name, credentials, previous: stored };
  await system.hooks?.beforeCheck?.(db, save);
  const candidate = {
    orgId: actor.orgId,
    system,
    authType: authType.id,
    credentials,
    allowPrivateNetwork: current.allowPrivateNetwork,
  };
  const check = await checkConnector(db, candidate, { mode: "save", config: opts.checkOverrides });
  const { result } = check;
  const fields = sameType ? changed : ["authType", ...changed];
  try {
    assertSavable(result, input.saveOffline);
  } catch (error) {
    // Written on its own (nothing else is): the reason code only, never the vendor's text, which may echo a secret.
    const why = result.status === "auth_failed" ? "authentication failed" : "the system could not be reached";
    await recordAudit(db, actor, {
      action: "connector.credentials_refused",
      summary: `Refused a credentials change (${fields.join(", ")}): ${why} (${result.reason})`,
      connectorId: current.id,
      connectorName: current.name,
      fields,
    });
    throw error;
  }

  await db.transaction(async (tx) => {
    await system.hooks?.onSave?.(tx, save);
    const scope = { orgId: actor.orgId, id: current.id };
    await replaceConnectorCredentials(tx, scope, {
      authType: authType.id,
      ...encryptCredentials(current.id, credentials),
    });
    await check.record(tx, current.id);
    const what = sameType
      ? `Changed credentials: ${changed.join(", ")}`
      : `Switched authentication to ${authType.label} (${changed.join(", ")})`;
    await recordAudit(tx, actor, {
      action: "connector.credentials_changed",
      summary: what,
      connectorId: current.id,
      connectorName: current.name,
      fields,
    });
  });
  return { changed, result };
}
