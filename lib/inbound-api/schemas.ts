import { z } from "zod";

/**
 * The Inbound API's answers as zod schemas: the response schemas of the OpenAPI document (lib/openapi/document), and the
 * types exchangeToken and the routes answer through, so the document and the code cannot drift apart.
 */
export const CLIENT_ID_PATTERN = /^pbc_[A-Za-z0-9_-]{16}$/;

export const tokenResponseSchema = z
  .object({
    access_token: z.string().describe("Send as `Authorization: Bearer <access_token>`."),
    token_type: z.literal("Bearer"),
    expires_in: z.int().min(1).describe("Seconds the token is valid (24 hours)."),
  })
  .meta({ id: "InboundToken" });
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** RFC 6749 §5.2. */
export const oauthErrorSchema = z
  .object({
    error: z
      .string()
      .describe(
        "`invalid_request`, `unsupported_grant_type`, `invalid_client`, `invalid_token`, `temporarily_unavailable`, `server_error`.",
      ),
    error_description: z.string().optional(),
  })
  .meta({ id: "OAuthError" });

export const pingResponseSchema = z
  .object({
    ok: z.literal(true),
    connectorId: z.uuid().describe("The Inbound API connector the token belongs to."),
    clientId: z.string().regex(CLIENT_ID_PATTERN),
  })
  .meta({ id: "InboundPing" });

export const clientStatusSchema = z
  .object({ active: z.boolean().describe("True when the client id has a usable (not revoked) client.") })
  .meta({ id: "InboundClientStatus" });
