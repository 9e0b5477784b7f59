import { authType, text, url } from "../kit/fields";
import { trimTrailingSlashes } from "../kit/normalise";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";
import { fetchServiceDescription } from "../kit/wsdl-probe";

/**
 * Prima (Prima Solutions) XML web services. Sources: Patchworks "Prima Solutions (prebuilt
 * connector)" and "Setting up a Prima Solutions connection" (authentication "Prima No Auth";
 * Instance URL "excluding the final /wsdl section", e.g. http://websvc2.dubarry.com:8080/wsadevtest/wsadevtest;
 * Company ID "only required if you will be using the COMWSOMHANDLER endpoint"); the Fabric-Laravel
 * connector treats a 200 from the instance as connected (docs/systems.md). Prima has no
 * authentication, so only reachability can be known: GET {instanceUrl}/wsdl must return a WSDL.
 * The engine turns "ok" into reachable_no_auth because the system is reachabilityOnly.
 */

/** "https://host:8080/ws/ws/wsdl/" -> "https://host:8080/ws/ws": Patchworks' own instructions say to drop /wsdl. */
export function normaliseInstanceUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value).replace(/\/wsdl$/i, ""));
}

export const PRIMA_REACHABLE_MESSAGE =
  "Prima answered with its web service description (WSDL): reachable; this system has no authentication to check.";

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const outcome = await fetchServiceDescription(http, `${credentials.instanceUrl}/wsdl`, { vendor: "Prima" });
  if (outcome.reason !== "ok") return outcome;
  return { status: "operational", reason: "ok", httpStatus: 200, message: PRIMA_REACHABLE_MESSAGE };
}

export const prima: SystemDef = {
  id: "prima",
  name: "Prima",
  category: "erp",
  reachabilityOnly: true,
  authTypes: [
    authType("none", "No authentication", [
      url(
        "instanceUrl",
        "Instance URL",
        "The web services URL provided to you by Prima Solutions, without the final /wsdl, e.g. http://websvc2.example.com:8080/wsadevtest/wsadevtest. You can paste the address that ends in /wsdl: it is removed.",
        { placeholder: "http://prima.example.com:8080/ws/ws", normalise: normaliseInstanceUrl },
      ),
      text(
        "companyId",
        "Company ID",
        "Your Prima Solutions company ID. Only needed if you use the COMWSOMHANDLER endpoint; leave blank for WSOMHANDLER only. Prima has no login, so there is nothing secret to enter.",
        { required: false },
      ),
    ]),
  ],
  probe,
  hints: {
    reachable_no_auth:
      "Nothing to do. Prima has no login, so this check can only tell that the web service answers; requests can still fail on their content (e.g. a wrong company ID).",
    not_found: "Check the Instance URL: it is the web services address from Prima Solutions without the final /wsdl.",
    connection_refused:
      "Check the Instance URL's host and port, that the Prima web service is running, and that its firewall lets our servers in (Prima is often on a private port such as 8080).",
  },
};
