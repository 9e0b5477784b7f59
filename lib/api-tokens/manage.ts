import type { z } from "zod";
import type { Db } from "@/db";
import { insertApiToken, listApiTokens, revokeApiTokenRow } from "@/db/queries/api-tokens";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { forbidden, notFound } from "@/lib/errors";
import type { createApiTokenSchema, revokeApiTokenSchema } from "./schemas";
import { displayPrefix, generateToken, hashToken } from "./token";

/** Creates a token and returns its plaintext: the only time it exists outside the caller's hands. */
export async function createApiToken(db: Db, actor: SessionUser, input: z.output<typeof createApiTokenSchema>) {
  if (!can(actor, "api-tokens.manage")) throw forbidden();
  const token = generateToken();
  const row = await insertApiToken(db, {
    orgId: actor.orgId,
    name: input.name,
    tokenHash: hashToken(token),
    prefix: displayPrefix(token),
    createdBy: actor.id,
  });
  return { id: row.id, name: input.name, prefix: displayPrefix(token), token };
}

export async function revokeApiToken(db: Db, actor: SessionUser, input: z.output<typeof revokeApiTokenSchema>) {
  if (!can(actor, "api-tokens.manage")) throw forbidden();
  if (!(await revokeApiTokenRow(db, { orgId: actor.orgId, id: input.tokenId }))) throw notFound("That token");
}

export async function listTokensFor(db: Db, actor: SessionUser) {
  if (!can(actor, "api-tokens.manage")) throw forbidden();
  return listApiTokens(db, { orgId: actor.orgId });
}
