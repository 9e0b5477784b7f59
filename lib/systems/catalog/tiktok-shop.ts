import { authType, secret, text } from "../kit/fields";
import { createHmac } from "node:crypto";
import { classifyResponse } from "@/lib/health/classify";
import type { HttpClient, HttpResponse } from "@/lib/health/http";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * TikTok Shop Partner API (202309). Sources: public clients (e.g. EcomPHP/tiktokshop-php, hsib19/
 * tiktok-shop-sdk) for the signature: query app_key + timestamp (seconds), sign = hex HMAC-SHA256 keyed
 * by the app secret over secret + path + sorted key+value pairs (without sign and access_token) + body +
 * secret; access token in the x-tts-access-token header; envelope {code, message, data, request_id},
 * code 0 = success. GET /authorization/202309/shops is the token-level call connector health checks
 * use. Codes: 106001 = invalid sign (a captured HTTP 401); 105002 "access token is expired, please
 * refresh it" (github.com/phamkhanhminhman97/shopee-tiktok-lazada-api/issues/2). GUESS: other 105xxx
 * codes are access-token problems too (invalid, revoked, missing scope), so they count as auth failures;
 * any other non-zero code is reported as unexpected with its number. Tokens: GET
 * https://auth.tiktok-shops.com/api/v2/token/refresh (unsigned; app_key, app_secret, refresh_token,
 * grant_type=refresh_token) returns a new access AND refresh token, both stored back.
 */
const API = "https://open-api.tiktokglobalshop.com";
const SHOPS_PATH = "/authorization/202309/shops";
const REFRESH_URL = "https://auth.tiktok-shops.com/api/v2/token/refresh";
const EXPIRED = 105002;

export function signTikTok(appSecret: string, path: string, params: Record<string, string>, body = ""): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sign" && k !== "access_token")
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
  return createHmac("sha256", appSecret).update(`${appSecret}${path}${sorted}${body}${appSecret}`).digest("hex");
}

type Envelope = {
  code?: unknown;
  message?: unknown;
  data?: { shops?: unknown; access_token?: unknown; refresh_token?: unknown };
};
const envelope = (res: HttpResponse) => res.json<Envelope>();

async function getShops(http: HttpClient, appKey: string, appSecret: string, accessToken: string) {
  const params = { app_key: appKey, timestamp: String(Math.floor(Date.now() / 1000)) };
  const query = new URLSearchParams({ ...params, sign: signTikTok(appSecret, SHOPS_PATH, params) });
  return http.request(`${API}${SHOPS_PATH}?${query}`, {
    headers: { "x-tts-access-token": accessToken, "content-type": "application/json", accept: "application/json" },
    maxBytes: 64 * 1024,
  });
}

function readShops(res: HttpResponse): ProbeOutcome {
  if (res.status >= 500 || res.status === 404 || res.status === 429) return classifyResponse(res);
  const body = envelope(res);
  const notTheApi: ProbeOutcome = {
    status: "unreachable",
    reason: "unexpected_response",
    httpStatus: res.status,
    message: "The address answered, but not with TikTok Shop's list of authorised shops.",
  };
  if (typeof body?.code !== "number") return res.status >= 200 && res.status < 300 ? notTheApi : classifyResponse(res);
  const code = body.code;
  if (code === 0) {
    if (!Array.isArray(body.data?.shops)) return notTheApi;
    const n = body.data.shops.length;
    return {
      status: "operational",
      reason: "ok",
      httpStatus: res.status,
      message: `Connected to TikTok Shop (${n} authorised ${n === 1 ? "shop" : "shops"}).`,
    };
  }
  if (code === 106001)
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: "TikTok Shop rejected the request signature (code 106001).",
      hint: "Check the App key and App secret: they must belong to the same app in TikTok Shop Partner Center.",
    };
  if (Math.floor(code / 1000) === 105)
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `TikTok Shop rejected the access token (code ${code}).`,
    };
  return {
    status: "unreachable",
    reason: "unexpected_response",
    httpStatus: res.status,
    message: `TikTok Shop answered with error code ${code}.`,
  };
}

async function probe({ credentials, http, rotateCredentials }: ProbeContext): Promise<ProbeOutcome> {
  const { appKey, appSecret, accessToken, refreshToken } = credentials;
  const first = await getShops(http, appKey, appSecret, accessToken);
  if (first.status >= 500 || envelope(first)?.code !== EXPIRED) return readShops(first);

  // Expired: refresh once. Both tokens rotate, so the new pair is reported before the retry can fail.
  const refresh = await http.request(
    `${REFRESH_URL}?${new URLSearchParams({ app_key: appKey, app_secret: appSecret, refresh_token: refreshToken, grant_type: "refresh_token" })}`,
    { headers: { accept: "application/json" }, maxBytes: 32 * 1024 },
  );
  if (refresh.status >= 500 || refresh.status === 404 || refresh.status === 429) return classifyResponse(refresh);
  const body = envelope(refresh);
  const next = body?.data;
  if (
    body?.code !== 0 ||
    typeof next?.access_token !== "string" ||
    typeof next.refresh_token !== "string" ||
    !next.access_token ||
    !next.refresh_token
  ) {
    const code = typeof body?.code === "number" ? ` (code ${body.code})` : "";
    return {
      status: "auth_failed",
      reason: "token_rejected",
      httpStatus: refresh.status,
      message: `The access token had expired and TikTok Shop refused to refresh it${code}.`,
    };
  }
  const rotated = { accessToken: next.access_token, refreshToken: next.refresh_token };
  rotateCredentials?.(rotated);
  const outcome = readShops(await getShops(http, appKey, appSecret, rotated.accessToken));
  return {
    ...outcome,
    ...(outcome.reason === "ok" ? { message: `${outcome.message} The expired access token was refreshed.` } : {}),
    rotatedCredentials: rotated,
  };
}

export const tiktokShop: SystemDef = {
  id: "tiktok-shop",
  name: "TikTok Shop",
  category: "marketplace",
  authTypes: [
    authType("oauth2", "App key, secret and shop tokens", [
      text("appKey", "App key", "TikTok Shop Partner Center > App & Service > your app > App key.", {
        pattern: {
          regex: /^[A-Za-z0-9]{4,64}$/,
          message: "The App key is letters and digits only, as shown in Partner Center.",
        },
      }),
      secret(
        "appSecret",
        "App secret",
        "TikTok Shop Partner Center > App & Service > your app > App secret (next to the App key).",
      ),
      secret(
        "accessToken",
        "Access token",
        "Returned as access_token when the seller authorised your app (token/get). It expires after about 7 days; Patchbay refreshes it and stores the new one.",
      ),
      secret(
        "refreshToken",
        "Refresh token",
        "Returned as refresh_token with the access token. TikTok Shop issues a new one on every refresh; Patchbay stores each new one automatically.",
      ),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "The access token was refused: the seller may have revoked the authorisation. Ask the seller to authorise the app again and paste the new tokens.",
    token_rejected:
      "The refresh token has expired or was already used. Ask the seller to authorise the app again in TikTok Shop Seller Center and paste the new access and refresh tokens.",
  },
};
