import { vendorText } from "@/lib/health/vendor-text";
import type { HttpResponse } from "@/lib/health/http";
import { authType, secret, text } from "../kit/fields";
import { tokenProbe } from "../kit/token-exchange";
import type { CredentialField, SystemDef } from "@/lib/health/contract";

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

const guidField = (key: string, label: string, help: string, isSecret: boolean): CredentialField =>
  (isSecret ? secret : text)(key, label, help, {
    normalise: normaliseGuid,
    pattern: { regex: GUID, message: `${label} is a GUID like 6f9619ff-8b86-d011-b42d-00c04fc964ff.` },
  });

const session = (res: HttpResponse) => res.json<{ Token?: unknown; Server?: unknown }>();

const REJECTED_HINT =
  "Check the application ID and secret in the Linnworks Developer portal, and the installation token: it belongs to one Linnworks account and changes when the app is uninstalled and installed again, or when its subscription ends.";

export const linnworks: SystemDef = {
  id: "linnworks",
  name: "Linnworks",
  category: "erp",
  authTypes: [
    authType("application", "Linnworks application", [
      guidField(
        "applicationId",
        "Application ID",
        "Linnworks Developer portal (developer.linnworks.com) > My applications > your application > Application Id.",
        false,
      ),
      guidField(
        "applicationSecret",
        "Application secret",
        "On the same application page in the Developer portal: Application Secret.",
        true,
      ),
      guidField(
        "token",
        "Installation token",
        "Issued when the application is installed in a Linnworks account: shown on installation (and sent to the application's installation URL as token). Reinstalling the app issues a new one.",
        true,
      ),
    ]),
  ],
  probe: tokenProbe({
    request: ({ applicationId, applicationSecret, token }) => ({
      url: "https://api.linnworks.net/api/Auth/AuthorizeByApplication",
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ApplicationId: applicationId, ApplicationSecret: applicationSecret, Token: token }),
      maxBytes: 64 * 1024,
    }),
    refused: (res) => {
      const text = vendorText(res.json<{ Message?: unknown }>()?.Message, 160);
      return { message: `Linnworks refused to start a session${text ? `: "${text}"` : ""}.`, hint: REJECTED_HINT };
    },
    issued: (res) => {
      const { Token, Server } = session(res) ?? {};
      return typeof Token === "string" && !!Token && typeof Server === "string" && !!Server;
    },
    noToken: "Linnworks answered, but without a session token and server.",
    success: (res) => {
      const server = String(session(res)?.Server)
        .replace(/^https?:\/\//, "")
        .replace(/[/?#].*$/, "");
      return `Connected to Linnworks (session server ${vendorText(server, 100)}).`;
    },
  }),
  hints: {
    token_rejected: REJECTED_HINT,
    invalid_credentials: REJECTED_HINT,
  },
};
