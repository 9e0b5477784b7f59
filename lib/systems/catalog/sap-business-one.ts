import { authType, password, select, text, url, username } from "../kit/fields";
import { vendorText } from "@/lib/health/vendor-text";
import { classifyResponse } from "@/lib/health/classify";
import { trimTrailingSlashes } from "../kit/normalise";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * SAP Business One Service Layer. Sources: learning.sap.com "Logging in and out using Service Layer
 * API" (POST {base}/Login JSON {CompanyDB, UserName, Password} -> {SessionId, Version, SessionTimeout}
 * with cookies B1SESSION and ROUTEID; POST {base}/Logout ends the session; TLS with a self-signed
 * certificate by default); support.huaweicloud.com sparkpack Login page (failure body
 * {"error":{"code":100000027,"message":{"lang":"en-us","value":"Login failed"}}}); n8n workflow 4932
 * (base https://server:50000/b1s/v1). GUESS: the HTTP status of a failed login is 401 (some versions 400),
 * so an SAP error envelope on 400/401 counts as a rejection; anything else keeps its generic meaning.
 * Logout is best effort: sessions hold a licence until they time out, so the probe always tries it.
 */
type SapError = { error?: { code?: unknown; message?: unknown } };

function sapMessage(body: SapError | undefined): string | undefined {
  const m = body?.error?.message;
  const value =
    typeof m === "string"
      ? m
      : typeof m === "object" && m && typeof (m as { value?: unknown }).value === "string"
        ? (m as { value: string }).value
        : undefined;
  return vendorText(value, 160);
}

/** "B1SESSION=abc; HttpOnly" lines -> "B1SESSION=abc; ROUTEID=.node1". */
function sessionCookies(setCookie: string | string[] | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return lines
    .map((l) => l.split(";")[0].trim())
    .filter((c) => /^(B1SESSION|ROUTEID)=/.test(c))
    .join("; ");
}

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { serviceLayerUrl, companyDb, username, password, tlsVerify } = credentials;
  const insecureTls = tlsVerify === "skip";
  const res = await http.request(`${serviceLayerUrl}/Login`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ CompanyDB: companyDb, UserName: username, Password: password }),
    maxBytes: 32 * 1024,
    insecureTls,
  });
  const body = res.json<SapError & { SessionId?: unknown; Version?: unknown }>();
  if ((res.status === 400 || res.status === 401) && body?.error) {
    const code =
      typeof body.error.code === "number" || typeof body.error.code === "string"
        ? ` ${vendorText(String(body.error.code), 20)}`
        : "";
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `SAP Business One refused the login (error${code}: ${sapMessage(body) ?? "no message"}).`,
    };
  }
  if (res.status !== 200) return classifyResponse(res);
  if (typeof body?.SessionId !== "string" || !body.SessionId) {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      httpStatus: 200,
      message:
        "The URL answered, but not with a Service Layer session (is it the Service Layer base, e.g. https://host:50000/b1s/v1?).",
    };
  }
  const cookie = sessionCookies(res.headers["set-cookie"]) || `B1SESSION=${body.SessionId}`;
  await http
    .request(`${serviceLayerUrl}/Logout`, { method: "POST", headers: { cookie }, maxBytes: 4 * 1024, insecureTls })
    .catch(() => undefined);
  const version = typeof body.Version === "string" ? ` (version ${vendorText(body.Version, 20)})` : "";
  return {
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `Signed in to company ${companyDb} on the SAP Business One Service Layer${version}${insecureTls ? "; certificate not verified" : ""}.`,
  };
}

export const sapBusinessOne: SystemDef = {
  id: "sap-business-one",
  name: "SAP Business One",
  category: "erp",
  authTypes: [
    authType("password", "Service Layer user", [
      url(
        "serviceLayerUrl",
        "Service Layer URL",
        "The Service Layer address ending in /b1s/v1 (or /b1s/v2 from version 10.0), e.g. https://sap-server:50000/b1s/v1. It must be reachable from the internet; your SAP partner can confirm it.",
        {
          placeholder: "https://sap-server:50000/b1s/v1",
          normalise: (v) => trimTrailingSlashes(v).replace(/\/Login$/i, ""),
          pattern: {
            regex: /^https:\/\/[^/?#\s]+\/[^?#\s]*b1s\/v[12]$/i,
            message:
              "Enter the https:// Service Layer address ending in /b1s/v1 or /b1s/v2, e.g. https://sap-server:50000/b1s/v1.",
          },
        },
      ),
      text(
        "companyDb",
        "Company database",
        "The company's database name, as listed in SAP Business One under Administration > Choose Company (Database Name column), e.g. SBODEMOGB.",
      ),
      username(
        "An SAP Business One user code allowed to use the Service Layer (the user you sign in to the client with), e.g. manager.",
        "User name",
      ),
      password("That SAP Business One user's password."),
      select(
        "tlsVerify",
        "Certificate verification",
        "Service Layer installs with a self-signed certificate. Best: install a certificate from a trusted authority and keep Verify. Skip accepts any certificate for this connector only, which lets someone who can intercept the traffic read the password: use it only on a network path you trust.",
        [
          ["verify", "Verify (recommended)"],
          ["skip", "Skip (accept self-signed)"],
        ],
        { required: false, defaultValue: "verify" },
      ),
    ]),
  ],
  probe,
  hints: {
    invalid_credentials:
      "Check the company database name, user name and password (error 100000027 'Login failed' means one of them is wrong), and that the user is not locked.",
    tls_error:
      "The Service Layer's certificate is not trusted (often SAP's default self-signed one). Install a trusted certificate, or set Certificate verification to Skip if you accept the risk.",
    not_found: "Check the Service Layer URL: it should end in /b1s/v1 (or /b1s/v2).",
  },
};
