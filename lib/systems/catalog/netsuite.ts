import { authType, text } from "../kit/fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { signOAuth1 } from "../kit/oauth1";
import type { CredentialField, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * NetSuite RESTlet with token-based authentication (OAuth 1.0a, HMAC-SHA256). Sources (Oracle
 * NetSuite help): section_1534941088 (HMAC-SHA1 ended in 2023.1), section_1534941295 (header,
 * rawurlencoded values), section_1534939551 (base string: method upper-case, URL without query,
 * host lower-case, script/deploy and oauth_* sorted); section_4634920277 (RESTlet statuses: 302
 * wrong data center, 400 unhandled script error, 401 no valid login, 403, 404/405 no RESTlet for
 * that URL/method); chapter_1529417663 ("Web Services Only" roles get INVALID_LOGIN_CREDENTIALS);
 * subsect_156935170194 (consumer_key_refused = integration Blocked). Realm is the account id
 * upper-case with "_" (1234567_SB1) while the host is lower-case with "-" (1234567-sb1), and it is
 * not signed (scribejava/scribejava#1003, netsuitephp/netsuite-php#121); a lower-case "sb" in
 * the realm gives INVALID_LOGIN_ATTEMPT (fylein/netsuite-sdk-py#29). 401 body:
 * {"error":{"code":"INVALID_LOGIN_ATTEMPT","message":"Invalid login attempt."}}; the real cause
 * is only in the Login Audit Trail.
 */

/** "1234567-sb1", " 1234567_sb1 " and "https://1234567-sb1.app.netsuite.com" all mean "1234567_SB1". */
export function normaliseAccountId(value: string): string {
  const host = value
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#].*$/, "");
  const account = /\.netsuite\.com\.?$/.test(host) ? host.split(".")[0] : host;
  return account.toUpperCase().replace(/-/g, "_");
}

export function restletUrl({ accountId, scriptId, deployId }: Readonly<Record<string, string>>): string {
  const host = `${accountId.toLowerCase().replace(/_/g, "-")}.restlets.api.netsuite.com`;
  return `https://${host}/app/site/hosting/restlet.nl?script=${encodeURIComponent(scriptId)}&deploy=${encodeURIComponent(deployId)}`;
}

const LOGIN_HINT =
  'NetSuite does not say why (see Setup > Users/Roles > User Management > View Login Audit Trail). Check, in order: the integration record is Enabled and has Token-Based Authentication ticked (a sandbox refresh copies production and disables or replaces integration records and tokens, so sandbox tokens must be recreated after each refresh); the access token is not revoked and belongs to this account; the token\'s role has the "Log in using Access Tokens" permission and is not a Web Services Only role; the account id matches the account (a sandbox is 1234567_SB1, not 1234567); and no IP restriction on the role blocks our servers.';

const secret = (key: string, label: string, help: string): CredentialField => ({
  key,
  label,
  help,
  secret: true,
  kind: "password",
});
const scriptRef = (key: string, label: string, help: string, prefix: string): CredentialField => ({
  key,
  label,
  help,
  secret: false,
  kind: "text",
  pattern: {
    regex: new RegExp(`^(\\d+|${prefix}[a-z0-9_]+)$`, "i"),
    message: `${label} is the deployment's internal id (a number, e.g. 1) or its ${prefix}... id.`,
  },
});

type NetSuiteError = { error?: { code?: unknown; message?: unknown } };
const errorCode = (body: NetSuiteError | undefined) =>
  typeof body?.error?.code === "string" ? body.error.code : undefined;

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const url = restletUrl(credentials);
  const { header } = signOAuth1({
    method: "GET",
    url,
    realm: credentials.accountId,
    consumerKey: credentials.consumerKey,
    consumerSecret: credentials.consumerSecret,
    token: credentials.tokenId,
    tokenSecret: credentials.tokenSecret,
  });
  const res = await http.request(url, {
    headers: { authorization: header, accept: "application/json", "content-type": "application/json" },
    maxBytes: 16 * 1024,
  });
  // 302 = wrong data center (section_4634920277); the redirect drops our signed header, so its 401 proves nothing.
  if (new URL(res.url).host !== new URL(url).host) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: res.status,
      message: `NetSuite redirected the RESTlet call to ${new URL(res.url).host}: the account ID does not match the account's data center.`,
    };
  }
  const code = errorCode(res.json<NetSuiteError>());

  if (res.status === 401 || (res.status === 403 && code === "INVALID_LOGIN_CREDENTIALS")) {
    if (code === "INVALID_LOGIN_CREDENTIALS") {
      return {
        status: "auth_failed",
        reason: "invalid_credentials",
        httpStatus: res.status,
        message: "NetSuite refused the login for this role (INVALID_LOGIN_CREDENTIALS).",
        hint: "The access token's role is probably a Web Services Only role, which cannot call RESTlets. Issue the token for a role without that box ticked.",
      };
    }
    const named = code && /^[A-Z_]{3,60}$/.test(code) ? ` (${code})` : "";
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: 401,
      message: `NetSuite rejected the token-based login${named}.`,
      hint: LOGIN_HINT,
    };
  }
  if (res.status === 404 || res.status === 405) {
    return {
      status: "unreachable",
      reason: "not_found",
      httpStatus: res.status,
      message: `No RESTlet answers GET for script ${credentials.scriptId}, deployment ${credentials.deployId} (HTTP ${res.status}).`,
    };
  }
  // An unhandled script error is a 400: NetSuite only runs the script after the login succeeded.
  if (res.status === 400 && code) {
    return {
      status: "operational",
      reason: "ok",
      httpStatus: 400,
      message: `Authenticated; the RESTlet itself answered with error ${vendorText(code, 60)}.`,
    };
  }
  if (res.status !== 200 && res.status !== 206) return classifyResponse(res);
  if (/^\s*</.test(res.text())) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: res.status,
      message: "NetSuite answered with a web page instead of the RESTlet's answer (a login or error page).",
    };
  }
  return { status: "operational", reason: "ok", httpStatus: res.status };
}

export const netsuite: SystemDef = {
  id: "netsuite",
  name: "NetSuite",
  category: "erp",
  authTypes: [
    authType("tba", "Token-based authentication", [
      text(
        "accountId",
        "Account ID",
        "Setup > Company > Company Information > Account ID, e.g. 1234567, or 1234567_SB1 for a sandbox. It is also the first part of your NetSuite address (1234567-sb1.app.netsuite.com).",
        {
          placeholder: "1234567_SB1",
          normalise: normaliseAccountId,
          pattern: {
            regex: /^[A-Z0-9]+(_[A-Z0-9]+)?$/,
            message:
              "Enter the NetSuite account ID, like 1234567 or 1234567_SB1 (Setup > Company > Company Information).",
          },
        },
      ),
      secret(
        "consumerKey",
        "Consumer key",
        "Shown once when you save the integration record (Setup > Integration > Manage Integrations > New, with Token-Based Authentication ticked).",
      ),
      secret(
        "consumerSecret",
        "Consumer secret",
        "Shown once, next to the consumer key, when the integration record is saved. If lost, reset the credentials on the integration record.",
      ),
      secret(
        "tokenId",
        "Token ID",
        "Setup > Users/Roles > Access Tokens > New: pick the integration, user and role. The token ID is shown once after saving.",
      ),
      secret("tokenSecret", "Token secret", "Shown once, next to the token ID, when the access token is saved."),
      scriptRef(
        "scriptId",
        "Script ID",
        "The RESTlet script's ID: open the script deployment and copy script= from its External URL (a number, or customscript_...).",
        "customscript",
      ),
      scriptRef(
        "deployId",
        "Deployment ID",
        "The deployment's ID: deploy= in the deployment's External URL (usually 1, or customdeploy_...).",
        "customdeploy",
      ),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials: LOGIN_HINT,
    forbidden:
      "The role behind the access token lacks a permission the RESTlet needs, or the request reached the wrong domain. Check the role's permissions and the script deployment's Audience.",
    not_found:
      "Check the script ID and deployment ID (script= and deploy= in the deployment's External URL), that the deployment's status is Released, and that the script has a GET (get) entry point.",
    dns_error:
      "Check the account ID: the RESTlet host is derived from it (1234567_SB1 becomes 1234567-sb1.restlets.api.netsuite.com).",
  },
};
