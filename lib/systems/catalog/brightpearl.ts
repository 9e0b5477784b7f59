import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import type { HttpResponse } from "@/lib/health/http";
import { authType, secret, select, text } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Brightpearl public API, private (system) app. Sources:
 * - help.brightpearl.com "API authentication for private apps": headers brightpearl-app-ref and
 *   brightpearl-account-token; example GET https://ws-eu1.brightpearl.com/public-api/topfurniture/...
 *   with datacentre "eu1".
 * - api-docs.brightpearl.com utilities/account-location: datacentreCode "euw1" maps to apiDomain
 *   "ws-eu1.brightpearl.com"; docs.zynk.com maps euw1 -> eu1, use1/est/cst -> use, usw1/pst/mst -> usw.
 *   ws-ap1 appears only in public client code (not confirmed by Brightpearl's docs).
 * - api-docs.brightpearl.com warehouse/warehouse/get: GET /warehouse-service/warehouse lists all
 *   warehouses (small; every account has at least its default warehouse).
 * - help.brightpearl.com "Structure of JSON responses": { "response": ... } or { "errors": [{ code, message }] }.
 * - help.brightpearl.com "Request throttling": 200 requests/minute per account shared by all private
 *   apps; past that, HTTP 503 with headers brightpearl-requests-remaining and
 *   brightpearl-next-throttle-period (milliseconds, per public clients such as Airbyte's).
 * - "Empty list response code": 404 can mean "no results" for list requests; we only get that on a
 *   warehouse-less account, which Brightpearl does not allow, so 404 is read as a wrong account code/URL.
 */
export const BRIGHTPEARL_PROBE_PATH = "/warehouse-service/warehouse";

// What users see in their Brightpearl address bar (euw1.brightpearlapp.com) -> the API host's code.
const ALIASES: Record<string, string> = {
  euw1: "eu1",
  use1: "use",
  est: "use",
  cst: "use",
  usw1: "usw",
  pst: "usw",
  mst: "usw",
};

/** "https://euw1.brightpearlapp.com/x", "ws-eu1.brightpearl.com", "EUW1" all mean "eu1". */
export function normaliseDatacenter(value: string): string {
  const host = value
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#].*$/, "");
  const code = host.split(".")[0].replace(/^ws-/, "");
  return ALIASES[code] ?? code;
}

type BrightpearlBody = { response?: unknown; errors?: { code?: unknown; message?: unknown }[] };

function firstError(res: HttpResponse): string | undefined {
  const body = res.json<BrightpearlBody>();
  const e = Array.isArray(body?.errors) ? body.errors[0] : undefined;
  if (!e || typeof e.message !== "string") return undefined;
  const code = typeof e.code === "string" ? `${e.code}: ` : "";
  return vendorText(`${code}${e.message}`, 200);
}

/** Brightpearl throttles with 503, not 429: the throttle headers tell it apart from an outage. */
function quirks(
  res: HttpResponse,
  { accountCode, datacenter }: Readonly<Record<string, string>>,
): ProbeOutcome | undefined {
  if (res.status === 503 && res.header("brightpearl-requests-remaining") === "0") {
    const ms = Number(res.header("brightpearl-next-throttle-period"));
    const message =
      "Reached, but Brightpearl is throttling this account (200 requests a minute shared by all private apps).";
    return {
      status: "operational",
      reason: "throttled",
      httpStatus: 503,
      throttled: true,
      ...(Number.isFinite(ms) && ms >= 0 ? { retryAfterMs: Math.round(ms) } : {}),
      message,
    };
  }
  if (res.status === 401 || res.status === 403) {
    const detail = firstError(res);
    return {
      ...classifyResponse(res),
      ...(detail
        ? { message: `Brightpearl refused the private app's credentials (HTTP ${res.status}: ${detail}).` }
        : {}),
    };
  }
  if (res.status === 404)
    return {
      ...classifyResponse(res),
      message: `Brightpearl has no API for account "${accountCode}" in datacentre ${datacenter} (HTTP 404).`,
    };
  return undefined;
}

export const brightpearl: SystemDef = {
  id: "brightpearl",
  name: "Brightpearl",
  category: "erp",
  authTypes: [
    authType("private-app", "Private app", [
      select(
        "datacenter",
        "Datacentre",
        "Where your account is hosted: the first part of the address you use to sign in to Brightpearl (euw1.brightpearlapp.com is Europe, use1 is US East, usw1 is US West). You can also paste that address.",
        [
          ["eu1", "Europe (euw1 / ws-eu1)"],
          ["use", "US East (use1 / ws-use)"],
          ["usw", "US West (usw1 / ws-usw)"],
          ["ap1", "Asia-Pacific (ws-ap1)"],
        ],
        { defaultValue: "eu1", normalise: normaliseDatacenter },
      ),
      text(
        "accountCode",
        "Account code",
        "Your Brightpearl account ID, the one you use when you log in (shown at the bottom right of the Brightpearl screen), e.g. mycompany.",
        {
          placeholder: "mycompany",
          pattern: {
            regex: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
            message: "Enter the account code only (letters, digits, - or _), e.g. mycompany, not a URL.",
          },
        },
      ),
      text(
        "appRef",
        "App reference",
        "In Brightpearl: App Store > Private apps > your app. The reference is your account code, an underscore and the identifier you chose, e.g. mycompany_patchbay.",
        {
          placeholder: "mycompany_patchbay",
          pattern: {
            regex: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
            message: "Enter the app reference as Brightpearl shows it, e.g. mycompany_patchbay.",
          },
        },
      ),
      secret(
        "accountToken",
        "Account token",
        "Generated when you created the private app (App Store > Private apps > your app). It looks like xOcgfoSsTBnWVAHr46EIWpA5U+/mpflsts/lF7p2jnc=.",
      ),
    ]),
  ],
  probe: restProbe({
    vendor: "Brightpearl",
    request: ({ datacenter, accountCode, appRef, accountToken }) => ({
      url: `https://ws-${datacenter}.brightpearl.com/public-api/${encodeURIComponent(accountCode)}${BRIGHTPEARL_PROBE_PATH}`,
      headers: { "brightpearl-app-ref": appRef, "brightpearl-account-token": accountToken, accept: "application/json" },
      maxBytes: 64 * 1024,
    }),
    quirks,
    refusal: "generic",
    expect: (res) => Array.isArray(res.json<BrightpearlBody>()?.response),
    notTheApi: { message: "The address answered, but not like the Brightpearl API." },
    success: (_res, { accountCode }) => `Connected to Brightpearl account "${accountCode}".`,
  }),
  hints: {
    invalid_credentials:
      "Check the app reference and account token of the private app (App Store > Private apps). Disabling the app revokes its token, and the reference must belong to this account code.",
    forbidden:
      "The private app is not allowed to read warehouses. Check the app is enabled and its permissions in Brightpearl.",
    not_found: "Check the account code and the datacentre: an account only answers in the datacentre it is hosted in.",
    dns_error: "Check the datacentre: choose the one shown in your Brightpearl sign-in address (euw1, use1 or usw1).",
  },
};
