import { authType, secret, text } from "../kit/fields";
import { trimTrailingSlashes } from "../kit/normalise";
import { notTheApi, ok, statusOutcome, vendorText } from "../kit/http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * ReBound (Intelligent Returns) API. Sources (docs/systems.md): intelligentreturns.net/api
 * (every call is a POST with `login` and `api_key`; error codes login_empty, api_key_empty,
 * access_denied and ip_blocked "Your IP was blocked due to many incorrect log in attempts");
 * Patchworks' credential guide (the login is a name, not an e-mail; the key is on the profile
 * page); the Fabric-Laravel repo posts orders/search with request={"filter":{"date_from":
 * "mm/dd/yyyy"}} (yesterday) and accepts `success` or error.code "empty" (no orders: still a valid
 * login). The HTTP status of an error is undocumented, so the body decides whatever the status.
 * One request per check and no retry here: repeated bad logins get our address blocked.
 */
type ReboundBody = { success?: unknown; error?: { code?: unknown; message?: unknown } };

const yesterday = () => {
  const d = new Date(Date.now() - 24 * 60 * 60 * 1000);
  return `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`;
};

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const form = new URLSearchParams({
    login: credentials.login,
    api_key: credentials.apiKey,
    request: JSON.stringify({ filter: { date_from: yesterday() } }),
  });
  const res = await http.request(`${credentials.url}/orders/search`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    maxBytes: 16 * 1024,
  });
  const body = res.json<ReboundBody>();
  const code = typeof body?.error?.code === "string" ? body.error.code : undefined;
  const said = vendorText(
    Array.isArray(body?.error?.message) ? body.error.message.join(" ") : body?.error?.message,
    120,
  );
  if (code === "ip_blocked") {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `ReBound has blocked our address after too many failed logins (ip_blocked${said ? `: ${said}` : ""}).`,
      hint: "Ask ReBound support to unblock our servers' addresses, and correct the login and API key first: every failed check counts as another bad login.",
    };
  }
  if (code === "access_denied" || code === "login_empty" || code === "api_key_empty") {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `ReBound refused the login (${code}${said ? `: ${said}` : ""}).`,
    };
  }
  if (code === "empty" || (res.status === 200 && body && "success" in body))
    return ok(`Signed in to ReBound as "${credentials.login}".`);
  if (res.status !== 200) return statusOutcome(res, "ReBound");
  return notTheApi(
    res,
    "ReBound",
    code ? `unknown error code ${vendorText(code, 40)}` : "no success or error in the answer",
  );
}

export const rebound: SystemDef = {
  id: "rebound",
  name: "ReBound",
  category: "returns",
  authTypes: [
    authType("api-key", "API key", [
      {
        key: "url",
        label: "API URL",
        help: "ReBound's API address: https://intelligentreturns.net/api (test accounts: https://test.intelligentreturns.net/api).",
        secret: false,
        kind: "url",
        defaultValue: "https://intelligentreturns.net/api",
        placeholder: "https://intelligentreturns.net/api",
        // Users paste the host alone or an endpoint URL: the API always lives under /api.
        normalise: (v) => {
          const base = trimTrailingSlashes(v.replace(/[?#].*$/, "")).replace(/\/api\/.*$/i, "/api");
          return /\/api$/i.test(base) ? base : `${base}/api`;
        },
        pattern: { regex: /^https:\/\//i, message: "The API URL must start with https://." },
      },
      text(
        "login",
        "Login",
        "Your ReBound login name (a name, not an e-mail address), as on your ReBound profile page.",
      ),
      secret("apiKey", "API key", "The API key shown on your ReBound profile page."),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Check the login (a name, not an e-mail) and the API key on your ReBound profile page. Fix them before the next check: ReBound blocks addresses after repeated failed logins.",
    not_found: "Nothing answered at {URL}/orders/search: the API URL should be https://intelligentreturns.net/api.",
  },
};
