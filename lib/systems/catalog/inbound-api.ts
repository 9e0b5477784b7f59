import { authType, text } from "../kit/fields";
import { classifyResponse } from "@/lib/health/classify";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Inbound API: no external system — Patchbay is the server. The connector is healthy while it has a usable client
 * (issued on its settings page, not revoked). The probe asks the app's own token service, as it would a vendor.
 */
async function probe({ credentials, http, appOrigin }: ProbeContext): Promise<ProbeOutcome> {
  if (!credentials.clientId) {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      message: "No client has been issued for this connector yet.",
      hint: "On the connector's settings page, issue a client ID and secret, then give them to the system that will call the Inbound API.",
    };
  }
  if (!appOrigin)
    return {
      status: "unreachable",
      reason: "unexpected_response",
      message: "The app's own address (APP_URL) is not configured.",
    };
  const res = await http.request(
    new URL(`/api/inbound/v1/clients/${encodeURIComponent(credentials.clientId)}`, appOrigin).toString(),
    { headers: { accept: "application/json" } },
  );
  if (res.status === 404) {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: 404,
      message: "The client was revoked or replaced.",
      hint: "Issue a new client ID and secret on the connector's settings page.",
    };
  }
  if (res.status !== 200) return classifyResponse(res);
  return res.json<{ active?: boolean }>()?.active === true
    ? {
        status: "operational",
        reason: "ok",
        httpStatus: 200,
        message: "The connector has an active client; tokens can be issued.",
      }
    : {
        status: "unreachable",
        reason: "unexpected_response",
        httpStatus: 200,
        message: "The token service answered unexpectedly.",
      };
}

export const inboundApi: SystemDef = {
  id: "inbound-api",
  name: "Inbound API",
  category: "platform",
  platformManaged: true,
  capabilities: { issuedClients: true },
  authTypes: [
    authType("platform", "Client issued by Patchbay", [
      text(
        "clientId",
        "Client ID",
        'Issued by Patchbay: after saving, open the connector\'s settings and choose "Issue client ID and secret". Leave blank here.',
        {
          required: false,
          pattern: {
            regex: /^pbc_[A-Za-z0-9_-]{16}$/,
            message: "Leave this blank: Patchbay issues the client ID after saving.",
          },
        },
      ),
    ]),
  ],
  probe,
};
