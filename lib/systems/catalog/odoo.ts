import { authType, password, text, url, username } from "../kit/fields";
import { trimTrailingSlashes } from "../kit/normalise";
import { notTheApi, ok, statusOutcome, vendorText } from "../kit/http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Odoo external API over JSON-RPC. Sources (docs/systems.md): odoo/documentation
 * external_rpc_api.rst and external_api.rst (`common.authenticate(db, username, password or API
 * key, {})` on /xmlrpc/2/common or /jsonrpc; RPC is deprecated from 19.0, removal of `common`
 * planned for Odoo 22; API access needs a Custom plan on Odoo Online); odoo/service/common.py
 * (exp_authenticate returns False on AccessDenied): a wrong login is HTTP 200 with "result": false,
 * a valid one the user id. Failures inside Odoo come back as a JSON-RPC `error` envelope with
 * data.name = the Python exception: an unknown database surfaces as psycopg2.OperationalError
 * 'database "x" does not exist' (GUESS from Odoo's behaviour, not documented), classified as
 * not_found with a hint rather than an authentication failure.
 */
export function normaliseOdooUrl(value: string): string {
  // People paste the address bar: https://acme.odoo.com/odoo/action-123 or /web#id=1.
  return trimTrailingSlashes(
    trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(/\/(web|odoo|jsonrpc|xmlrpc)([/?#].*)?$/i, ""),
  );
}

type RpcAnswer = {
  jsonrpc?: unknown;
  result?: unknown;
  error?: { message?: unknown; data?: { name?: unknown; message?: unknown } };
};

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { url, database, username, password } = credentials;
  const res = await http.request(`${url}/jsonrpc`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      method: "call",
      params: { service: "common", method: "authenticate", args: [database, username, password, {}] },
      id: 1,
    }),
    maxBytes: 32 * 1024,
  });
  if (res.status === 404)
    return { ...statusOutcome(res, "Odoo"), message: "No Odoo JSON-RPC endpoint at this URL (HTTP 404)." };
  if (res.status !== 200) return statusOutcome(res, "Odoo");
  const answer = res.json<RpcAnswer>();
  if (!answer || typeof answer !== "object" || !("result" in answer || "error" in answer))
    return notTheApi(res, "Odoo", "no JSON-RPC answer");

  if (answer.error) {
    const name = vendorText(answer.error.data?.name, 80) ?? "";
    const said = vendorText(answer.error.data?.message ?? answer.error.message, 160) ?? "";
    const errorText = answer.error.data?.message ?? answer.error.message;
    const raw = (typeof errorText === "string" ? errorText : "").slice(0, 2000);
    if (/database \S+ does not exist/i.test(raw)) {
      return {
        status: "unreachable",
        reason: "not_found",
        httpStatus: 200,
        message: `Odoo has no database "${database}" at this URL.`,
        hint: "Check the database name: on Odoo Online it is usually the first part of the address (acme for acme.odoo.com); on your own server, ask the administrator or see the database selector at /web/database/selector.",
      };
    }
    if (/AccessDenied|AccessError/i.test(name)) {
      return {
        status: "auth_failed",
        reason: "invalid_credentials",
        httpStatus: 200,
        message: `Odoo refused the login${said ? `: ${said}` : ""}.`,
      };
    }
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message: `Odoo answered with an error${name ? ` (${name})` : ""}${said ? `: ${said}` : ""}.`,
    };
  }
  if (answer.result === false) {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: 200,
      message: `Odoo refused the login for "${username}" on database "${database}" (authenticate returned false).`,
    };
  }
  if (typeof answer.result !== "number" || answer.result <= 0)
    return notTheApi(res, "Odoo", "authenticate returned no user id");
  return ok(`Signed in to Odoo database "${database}" as "${username}".`);
}

export const odoo: SystemDef = {
  id: "odoo",
  name: "Odoo",
  category: "erp",
  authTypes: [
    authType("password", "Username and password or API key", [
      url(
        "url",
        "URL",
        "The address you use to open Odoo, e.g. https://acme.odoo.com or https://erp.example.com (anything after the host, like /odoo or /web, is removed).",
        { placeholder: "https://acme.odoo.com", normalise: normaliseOdooUrl },
      ),
      text(
        "database",
        "Database",
        "The Odoo database name. On Odoo Online it is usually the first part of the address (acme for acme.odoo.com); on Odoo.sh it is shown in the project's branches; on your own server, ask the administrator.",
      ),
      username("The login of the Odoo user the integration signs in as (usually an e-mail address)."),
      password(
        "That user's password, or better an API key: in Odoo, open your profile (My Profile / Preferences) > Account Security > New API Key. Accounts with two-factor sign-in need an API key.",
        "Password or API key",
      ),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Check the username and the password or API key (API keys are made under My Profile > Account Security and can expire). Users with two-factor sign-in must use an API key. Odoo Online only allows API access on Custom plans.",
    not_found:
      "Check the URL: Odoo's JSON-RPC endpoint is {URL}/jsonrpc. Odoo 19 and later deprecate it; if it is disabled, ask the administrator.",
  },
};
