import { z } from "zod";
import { isJsonType, parseJsonText, readBodyText } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { text } from "@/lib/validation/text";

/** A token request is three short fields; anything larger is not one. */
export const MAX_TOKEN_BODY_BYTES = 4 * 1024;

const invalid = (description: string) => new ApiError(400, "invalid_request", description);

export const tokenRequestSchema = z.object({
  grant_type: text("grant_type")
    .max(100, "grant_type is too long.")
    .optional()
    .describe("`client_credentials` (the default)."),
  client_id: text("client_id").max(200, "client_id is too long.").optional(),
  // The secret is compared as sent: no trimming or normalising.
  client_secret: text("client_secret", { trim: false, normalize: false })
    .max(200, "client_secret is too long.")
    .optional(),
});

export type TokenRequest = { clientId: string; secret: string };

/**
 * The client credentials of an OAuth 2.0 token request (RFC 6749 §4.4): HTTP Basic, or client_id/client_secret in a
 * form or JSON body. The body is read with a byte cap; wrong types, control characters and malformed bodies are a
 * 400 `invalid_request` naming the field, an unknown grant a 400 `unsupported_grant_type`.
 */
export async function readTokenRequest(request: Request): Promise<TokenRequest> {
  const raw = await readBodyText(request, MAX_TOKEN_BODY_BYTES);
  let body: object = {};
  if (isJsonType(request)) {
    let parsed: unknown = {};
    try {
      if (raw.trim()) parsed = parseJsonText(raw);
    } catch {
      throw invalid("The request body is not valid JSON.");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw invalid("The request body must be a JSON object.");
    body = parsed;
  } else if (raw) {
    const form = new URLSearchParams(raw);
    body = Object.fromEntries(
      [...new Set(form.keys())].map((k) => [k, form.getAll(k).length === 1 ? form.get(k) : form.getAll(k)]),
    );
  }
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    body = {
      ...body,
      client_id: colon < 0 ? decoded : decoded.slice(0, colon),
      client_secret: colon < 0 ? "" : decoded.slice(colon + 1),
    };
  }
  const parsed = tokenRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "body");
    throw invalid(issue.code === "invalid_type" ? `${field} must be text.` : issue.message);
  }
  if ((parsed.data.grant_type ?? "client_credentials") !== "client_credentials")
    throw new ApiError(400, "unsupported_grant_type", "Use grant_type=client_credentials.");
  return { clientId: parsed.data.client_id ?? "", secret: parsed.data.client_secret ?? "" };
}
