import { authType, secret, text } from "../kit/fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { accessTokenOf, notATokenResponse, safeCode, tokenRefusal } from "../kit/token-exchange";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Lightspeed Retail (R-Series). Sources: developers.lightspeedhq.com/retail/authentication/
 * authentication-overview (authorize at cloud.lightspeedapp.com/auth/oauth/authorize, tokens from
 * POST https://cloud.lightspeedapp.com/auth/oauth/token with client_id, client_secret,
 * grant_type=refresh_token, refresh_token); the newer OAuth server rotates refresh tokens: the one just
 * used is revoked once a new one is issued (same rule as the X-Series "2025-03 Refresh Token Flow
 * Update" changelog), so the new one is reported at once through ctx.rotateCredentials and stored by
 * the caller, whatever happens next. API: GET https://api.lightspeedapp.com/API/V3/Account/{accountID}.json
 * answers {"Account":{"accountID":...,"name":...}}; clients treat 401 as an expired/invalid token.
 * GUESS (no captured body): a bad refresh token is a 400/401 OAuth error (invalid_grant).
 */
const TOKEN_URL = "https://cloud.lightspeedapp.com/auth/oauth/token";
const API = "https://api.lightspeedapp.com/API/V3";

const TOKEN_HINTS: Record<string, string> = {
  invalid_grant:
    "The refresh token is no longer valid: it was already used (tokens rotate on every refresh), revoked, or the app was disconnected. Ask the store owner to authorise the app again and paste the new refresh token.",
  invalid_client: "Check the client ID and client secret of your Lightspeed API client.",
};

async function probe({ credentials, http, rotateCredentials }: ProbeContext): Promise<ProbeOutcome> {
  const { clientId, clientSecret, refreshToken, accountId } = credentials;
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: clientId,
    client_secret: clientSecret,
  });
  const tokenRes = await http.request(TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    maxBytes: 32 * 1024,
  });
  if (tokenRes.status < 200 || tokenRes.status >= 300) {
    const code = safeCode(tokenRes.json<{ error?: unknown }>()?.error);
    return tokenRefusal(tokenRes, {
      message: `Lightspeed refused to refresh the access token${code ? ` (${vendorText(code, 60)})` : ""}.`,
      ...(code && TOKEN_HINTS[code] ? { hint: TOKEN_HINTS[code] } : {}),
    });
  }
  const token = accessTokenOf(tokenRes);
  if (!token) return notATokenResponse(tokenRes);
  const next = tokenRes.json<{ refresh_token?: unknown }>()?.refresh_token;
  // The old refresh token is dead from here on: hand the new one over before anything else can fail.
  const rotated = typeof next === "string" && next && next !== refreshToken ? { refreshToken: next } : undefined;
  if (rotated) rotateCredentials?.(rotated);
  const withRotated = (outcome: ProbeOutcome): ProbeOutcome =>
    rotated ? { ...outcome, rotatedCredentials: rotated } : outcome;

  const res = await http.request(`${API}/Account/${encodeURIComponent(accountId)}.json`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    maxBytes: 64 * 1024,
  });
  if (res.status === 404)
    return withRotated({
      ...classifyResponse(res),
      message: `Lightspeed has no account ${accountId} for this token (HTTP 404).`,
    });
  if (res.status === 401)
    return withRotated({
      ...classifyResponse(res),
      message: "Lightspeed issued a token but the API refused it for this account (HTTP 401).",
    });
  if (res.status !== 200) return withRotated(classifyResponse(res));
  const account = res.json<{ Account?: { accountID?: unknown; name?: unknown } }>()?.Account;
  const id = account?.accountID;
  if ((typeof id === "string" || typeof id === "number" ? String(id) : "") !== accountId) {
    return withRotated({
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: "The API answered, but not with this Lightspeed account's details.",
    });
  }
  const name = typeof account?.name === "string" ? vendorText(account.name, 100) : accountId;
  return withRotated({
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `Connected to the Lightspeed Retail account "${name}".`,
  });
}

export const lightspeedR: SystemDef = {
  id: "lightspeed-r",
  name: "Lightspeed Retail R-Series",
  category: "pos",
  authTypes: [
    authType("oauth2", "OAuth 2.0 (API client and refresh token)", [
      text(
        "clientId",
        "Client ID",
        "Shown for your API client in the Lightspeed developer portal (Lightspeed Retail R-Series > API clients), where the app was registered.",
      ),
      secret(
        "clientSecret",
        "Client Secret",
        "Shown next to the Client ID of your API client in the Lightspeed developer portal.",
      ),
      secret(
        "refreshToken",
        "Refresh Token",
        "Returned with the first access token after the store owner authorises your app (the OAuth code exchange). Lightspeed issues a new one on every refresh; Patchbay stores each new one automatically.",
      ),
      text(
        "accountId",
        "Account ID",
        "The store's numeric Lightspeed Retail account ID (accountID): returned by the API's Account.json call and shown in the back office URL after signing in.",
        { pattern: { regex: /^\d{1,12}$/, message: "The Account ID is a number, e.g. 123456." } },
      ),
    ]),
  ],
  probe,
  hints: {
    token_rejected:
      "Check the client ID and client secret; if they are right, the refresh token was used already or revoked: authorise the app again and paste the new refresh token.",
    invalid_credentials:
      "The token was issued but the API refused it: check that the Account ID belongs to the store that authorised the app.",
    not_found: "Check the Account ID: it must be the numeric ID of the store that authorised the app.",
  },
};
