import { vendorText } from "@/lib/health/vendor-text";
import { tokenRefusal } from "../token-exchange";
import type { CredentialField, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Linnworks, application authorisation. Sources: LinnSystems/LinnworksNetSDK (Controllers/Auth.cs
 * POSTs Auth/AuthorizeByApplication with an AuthorizeByApplicationRequest {ApplicationId,
 * ApplicationSecret, Token}, all GUIDs, and reads a BaseSession whose Token and Server are the
 * session token and the API host to use next); the generated OpenAPI client (POST
 * https://api.linnworks.net/api/Auth/AuthorizeByApplication, JSON body) and public clients that
 * post the same JSON; linnworks-dev/LinnworksNetSDK#22 (errors are {"Code":"-","Message":"..."};
 * the installation token comes from installing the app). The session exchange is the whole check:
 * a session is only issued for a valid application and installation.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const normaliseGuid = (v: string) => v.replace(/^\{|\}$/g, "").toLowerCase();

const guidField = (key: string, label: string, help: string, secret: boolean): CredentialField => ({
  key,
  label,
  help,
  secret,
  kind: secret ? "password" : "text",
  normalise: normaliseGuid,
  pattern: { regex: GUID, message: `${label} is a GUID like 6f9619ff-8b86-d011-b42d-00c04fc964ff.` },
});

const REJECTED_HINT =
  "Check the application ID and secret in the Linnworks Developer portal, and the installation token: it belongs to one Linnworks account and changes when the app is uninstalled and installed again, or when its subscription ends.";

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request("https://api.linnworks.net/api/Auth/AuthorizeByApplication", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ ApplicationId: credentials.applicationId, ApplicationSecret: credentials.applicationSecret, Token: credentials.token }),
    maxBytes: 64 * 1024,
  });
  if (res.status < 200 || res.status >= 300) {
    const said = res.json<{ Message?: unknown }>()?.Message;
    const text = vendorText(said, 160);
    return tokenRefusal(res, { message: `Linnworks refused to start a session${text ? `: "${text}"` : ""}.`, hint: REJECTED_HINT });
  }
  const session = res.json<{ Token?: unknown; Server?: unknown }>();
  if (typeof session?.Token !== "string" || !session.Token || typeof session.Server !== "string" || !session.Server) {
    return { status: "unreachable", reason: "unexpected_response", httpStatus: res.status, message: "Linnworks answered, but without a session token and server." };
  }
  const server = vendorText(session.Server.replace(/^https?:\/\//, "").replace(/[/?#].*$/, ""), 100);
  return { status: "operational", reason: "ok", httpStatus: res.status, message: `Connected to Linnworks (session server ${server}).` };
}

export const linnworks: SystemDef = {
  id: "linnworks",
  name: "Linnworks",
  category: "erp",
  authTypes: [
    {
      id: "application",
      label: "Linnworks application",
      fields: [
        guidField("applicationId", "Application ID", "Linnworks Developer portal (developer.linnworks.com) > My applications > your application > Application Id.", false),
        guidField("applicationSecret", "Application secret", "On the same application page in the Developer portal: Application Secret.", true),
        guidField("token", "Installation token", "Issued when the application is installed in a Linnworks account: shown on installation (and sent to the application's installation URL as token). Reinstalling the app issues a new one.", true),
      ],
    },
  ],
  probe,
  hints: {
    token_rejected: REJECTED_HINT,
    invalid_credentials: REJECTED_HINT,
  },
};
