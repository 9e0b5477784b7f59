import { createHash } from "node:crypto";
import type { Db, DbOrTx } from "@/db";
import { findSandboxAccount, insertSandboxAccount, setSandboxAccountMode } from "@/db/queries/sandbox";
import type { SandboxMode } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { recordAudit } from "@/lib/audit/record";
import { AppError, forbidden, notFound } from "@/lib/errors";

export const hashSandboxKey = (apiKey: string) => createHash("sha256").update(apiKey).digest("hex");

export const SANDBOX_MODE_LABELS: Record<SandboxMode, string> = {
  healthy: "Healthy",
  rejecting: "Rejecting credentials",
  down: "Down (answers 503)",
  slow: "Slow (answers after the check times out)",
  throttled: "Throttled (answers 429)",
};

/** The sandbox "issues" a key to a connector: it will recognise that key from now on. */
export async function registerSandboxAccount(
  db: DbOrTx,
  input: { orgId: string; connectorId: string | null; name: string; apiKey: string },
) {
  await insertSandboxAccount(db, {
    keyHash: hashSandboxKey(input.apiKey),
    orgId: input.orgId,
    connectorId: input.connectorId,
    name: input.name,
  });
}

/**
 * One answer for every key that cannot be issued, whoever holds it: it never tells an organisation that another one
 * uses a key (keys are chosen by the user, so they can collide).
 */
export const sandboxKeyTaken = () =>
  new AppError("CONFLICT", "That sandbox key cannot be used.", {
    "credentials.apiKey": ["This sandbox key cannot be used: make up a new one (sbx_ followed by letters and digits)."],
  });

/**
 * Issues `apiKey` to the organisation before a connector is saved with it: refused when the key belongs to another
 * organisation or to another connector (`forConnectorId` is the connector being edited, if any).
 */
export async function claimSandboxKey(
  db: Db,
  input: { orgId: string; forConnectorId?: string; name: string; apiKey: string },
) {
  const holder = () => findSandboxAccount(db, { keyHash: hashSandboxKey(input.apiKey) });
  let row = await holder();
  if (!row) {
    await registerSandboxAccount(db, { orgId: input.orgId, connectorId: null, name: input.name, apiKey: input.apiKey });
    row = await holder(); // a concurrent claim may have won
  }
  if (!row || row.orgId !== input.orgId || (row.connectorId && row.connectorId !== input.forConnectorId))
    throw sandboxKeyTaken();
}

export async function setSandboxMode(db: Db, actor: SessionUser, input: { connectorId: string; mode: SandboxMode }) {
  if (!can(actor, "sandbox.mode")) throw forbidden();
  await db.transaction(async (tx) => {
    const rows = await setSandboxAccountMode(tx, {
      orgId: actor.orgId,
      connectorId: input.connectorId,
      mode: input.mode,
      updatedBy: actor.id,
    });
    if (rows.length === 0) throw notFound("Sandbox connector");
    // Audited like a settings change: the status timeline shows why a sandbox connector started failing.
    await recordAudit(tx, actor, {
      action: "sandbox.mode_changed",
      summary: `Set the sandbox to "${SANDBOX_MODE_LABELS[input.mode]}"`,
      connectorId: input.connectorId,
      fields: ["sandboxMode"],
    });
  });
}

export type SandboxAnswer = { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number };
export const SLOW_DELAY_MS = 15_000; // past the default 10 s check timeout

/** What the sandbox vendor answers to `Authorization: Bearer <key>`; the route only turns this into a Response. */
export async function sandboxAnswer(db: Db, authorization: string | null): Promise<SandboxAnswer> {
  const key = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
  const unauthorised: SandboxAnswer = {
    status: 401,
    body: { error: "invalid_api_key", message: "The API key is not valid." },
  };
  if (!key) return unauthorised;
  const account = await findSandboxAccount(db, { keyHash: hashSandboxKey(key) });
  if (!account) return unauthorised;
  const ok: SandboxAnswer = { status: 200, body: { account: { name: account.name } } };
  switch (account.mode) {
    case "healthy":
      return ok;
    case "rejecting":
      return unauthorised;
    case "down":
      return { status: 503, body: { error: "service_unavailable", message: "The sandbox is down for maintenance." } };
    case "slow":
      return { ...ok, delayMs: SLOW_DELAY_MS };
    case "throttled":
      return { status: 429, body: { error: "rate_limited" }, headers: { "retry-after": "120" } };
  }
}
