import { authType, password, text, url, username } from "../kit/fields";
import type { HttpResponse } from "@/lib/health/http";
import { trimTrailingSlashes } from "../kit/normalise";
import { basicAuth, notTheApi, ok, statusOutcome } from "../kit/http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Microsoft Dynamics NAV (also sold as Navision) web services, NavUserPassword authentication.
 * Sources (docs/systems.md): learn.microsoft.com "SOAP web service URIs"
 * (https://server:7047/Instance/WS/Company/Services) and "Dynamics NAV" Power Query connector
 * (OData v4 https://server:7048/Instance/ODataV4/ with Basic auth); TIBCO's NAV adapter (default
 * OData port 7048, Windows auth NEGOTIATE/NTLM); "Use an access key for SOAP and OData web service
 * authentication" (NavUserPassword users may send their Web Service Access Key instead of the
 * password). OData: GET {base}/Company?$filter=Name eq '{company}'&$top=1 proves the login and that
 * the company exists in one call. A SOAP base (.../WS) gets the discovery document of
 * {base}/{company}/Services instead (the Fabric-Laravel repo expects a `contractRef` in it).
 * Only HTTP Basic is sent: a server that only offers NTLM/Negotiate is reported as such.
 */
export function normaliseNavUrl(value: string): string {
  // Users paste entity or service URLs: keep the ODataV4 or WS root.
  return trimTrailingSlashes(
    trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(/(\/ODataV4|\/OData|\/WS)(\/.*)?$/i, "$1"),
  );
}

const odataQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A 401 whose challenge offers no Basic: the server uses Windows authentication, which these credentials cannot pass. */
function windowsOnly(res: HttpResponse): boolean {
  const raw = res.headers["www-authenticate"];
  const offers = (Array.isArray(raw) ? raw : raw ? [raw] : []).join(",");
  return res.status === 401 && /ntlm|negotiate/i.test(offers) && !/basic/i.test(offers);
}

export function navSystem(id: string, name: string): SystemDef {
  async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
    const { baseUrl, company, username, password } = credentials;
    const soap = /\/WS$/i.test(baseUrl);
    const url = soap
      ? `${baseUrl}/${encodeURIComponent(company)}/Services`
      : `${baseUrl}/Company?$filter=${encodeURIComponent(`Name eq ${odataQuote(company)}`)}&$top=1`;
    const res = await http.request(url, {
      headers: { authorization: basicAuth(username, password), accept: soap ? "text/xml" : "application/json" },
      maxBytes: 64 * 1024,
    });
    if (windowsOnly(res)) {
      return {
        status: "auth_failed",
        reason: "invalid_credentials",
        httpStatus: 401,
        message: `${name} asks for Windows authentication (NTLM/Negotiate) only, which this connector does not send.`,
        hint: "Set the service tier's credential type to NavUserPassword (or enable Basic in front of it) and use that user's password or web service access key.",
      };
    }
    if (res.status === 404 && soap)
      return {
        ...statusOutcome(res, name),
        message: `No web services for company "${company}" under this URL (HTTP 404).`,
      };
    if (res.status !== 200) return statusOutcome(res, name);
    if (soap)
      return /contractRef/i.test(res.text())
        ? ok(`Signed in to ${name} web services of "${company}".`)
        : notTheApi(res, `${name} SOAP`, "no service discovery document");

    const body = res.json<{ value?: unknown }>();
    if (!body || !Array.isArray(body.value)) return notTheApi(res, `${name} OData`);
    if (body.value.length === 0) {
      return {
        status: "unreachable",
        reason: "not_found",
        httpStatus: 200,
        message: `Signed in, but ${name} has no company named "${company}".`,
        hint: "Check the company name: it must match the Name in the Companies list exactly (spaces and capitals included).",
      };
    }
    return ok(`Signed in to ${name} company "${company}".`);
  }

  return {
    id,
    name,
    category: "erp",
    authTypes: [
      authType("basic", "User name and password (NavUserPassword)", [
        url(
          "baseUrl",
          "Web service URL",
          "The OData V4 address of your service tier, e.g. https://nav.example.com:7048/DynamicsNAV110/ODataV4 (or the SOAP address ending in /WS). Find it in the Web Services page: the OData URL of any published service, up to /ODataV4.",
          { placeholder: "https://nav.example.com:7048/DynamicsNAV110/ODataV4", normalise: normaliseNavUrl },
        ),
        text("company", "Company", "The company name exactly as in the Companies list, e.g. CRONUS UK Ltd."),
        username(
          `The ${name} user the integration signs in as (a NavUserPassword user; a Windows domain user only if the server accepts Basic authentication).`,
          "User name",
        ),
        password(
          "The user's password, or the Web Service Access Key from the user's card (Users > the user > Web Service Access Key).",
          "Password or web service access key",
        ),
      ]),
    ],
    probe,
    hints: {
      invalid_credentials:
        "Check the user name and the password or web service access key (access keys can have an expiry date on the user card), and that the user is enabled.",
      forbidden: "The user signed in but may not read companies. Check the user's permission sets.",
      not_found: "Check the web service URL (it should end in /ODataV4, or /WS for SOAP) and the company name.",
    },
  };
}

export const dynamicsNav = navSystem("dynamics-nav", "Dynamics NAV");
