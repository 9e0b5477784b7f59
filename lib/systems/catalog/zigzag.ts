import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../kit/normalise";
import { tokenProbe } from "../kit/token-exchange";
import { authType, password, text, url } from "../kit/fields";
import type { SystemDef } from "@/lib/health/contract";

/**
 * ZigZag (returns). Sources: docs.zigzag.global/docs/enterprise-returns/api (an API username and
 * password are issued with the account; a JWT from the token call goes in "Authorization: Bearer",
 * valid 30 minutes; a 401 means get a new token); the Patchworks ZigZag connector fields (URL,
 * username, password); the Fabric-Laravel ZigZagService (POST {url}/Return/api/v1/Account/Token JSON
 * {username, password}, success = HTTP 200). GUESS: the response shape is not documented publicly, so
 * a 200 counts only when it carries a token (a JSON string, or a token/access_token/accessToken/jwt
 * field); anything else is reported as unexpected rather than as working.
 */
const TOKEN_PATH = "/Return/api/v1/Account/Token";

/** "https://x.example.com/Return/api/v1/Account/Token/" -> "https://x.example.com". */
export function normaliseZigZagUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value).replace(/\/Return(\/api(\/v1(\/Account(\/Token)?)?)?)?$/i, ""));
}

function tokenOf(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  const found = [b.token, b.access_token, b.accessToken, b.jwt].find((v) => typeof v === "string" && v.length > 0);
  return found as string | undefined;
}

export const zigzag: SystemDef = {
  id: "zigzag",
  name: "ZigZag",
  category: "returns",
  authTypes: [
    authType("password", "API username and password", [
      url(
        "url",
        "API URL",
        "The ZigZag API address ZigZag gave you with your API credentials: the part before /Return/api/v1.",
        {
          normalise: normaliseZigZagUrl,
          pattern: { regex: /^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, message: "The API URL must start with https://." },
        },
      ),
      text(
        "username",
        "API username",
        "The API username ZigZag provided when your account was set up (not your ZigZag portal login).",
      ),
      password("The API password ZigZag provided with the API username.", "API password"),
    ]),
  ],
  probe: tokenProbe({
    request: ({ url, username, password }) => ({
      url: `${url}${TOKEN_PATH}`,
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ username, password }),
      maxBytes: 32 * 1024,
    }),
    quirks: (res) =>
      res.status > 200 && res.status < 300
        ? {
            ...classifyResponse(res),
            status: "unreachable",
            reason: "unexpected_response",
            message: `ZigZag answered HTTP ${res.status} without a token.`,
          }
        : undefined,
    refused: (res) => ({ message: `ZigZag refused the API username and password (HTTP ${res.status}).` }),
    issued: (res) => !!tokenOf(res.json()),
    noToken: "The URL answered, but not with a ZigZag API token (is it the ZigZag API URL?).",
    success: "ZigZag issued an API token for this username.",
  }),
  hints: {
    token_rejected:
      "Check the API username and password ZigZag provided (they are not your portal login), and that they belong to this API URL.",
    not_found: "Check the API URL: the token call (/Return/api/v1/Account/Token) was not found there.",
  },
};
