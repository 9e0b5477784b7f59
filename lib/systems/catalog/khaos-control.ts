import { password, url, username } from "../kit/fields";
import { trimTrailingSlashes } from "../kit/normalise";
import type { CredentialField, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";
import { fetchServiceDescription } from "../kit/wsdl-probe";

/**
 * Khaos Control SOAP web services (on-premise). Sources: Patchworks "Khaos Control (prebuilt
 * connector)": SOAP with "credentials into the SOAP request body via an XML payload", `.exe` URLs
 * such as http://yourserver:8084/LiveSoap/KhaosKSD.exe (test: .../DemoSoap/defaultSoap/KhaosKSD.exe),
 * "obtained from your Khaos setup/config, or their support team"; khaoscontrol/kcc-web-services
 * (Khaos Control *Cloud* is push/pull: Khaos calls you, so there is nothing of theirs to log in
 * to); the Fabric-Laravel connector only checks that the service description loads (docs/systems.md).
 * No public source names the login operation or its fault for a wrong password, so, per docs/systems.md,
 * credentials are NOT checked: the system is reachabilityOnly and every message says so.
 * GUESS: `.exe` SOAP servers of this kind (Delphi WebBroker) publish their WSDL under `{url}/wsdl`,
 * as Prima's do; a URL that already names a WSDL is fetched as typed.
 */
export const KHAOS_NOT_VERIFIED =
  "The username and password are not verified: Khaos Control documents no login call we could check them with.";

export function serviceDescriptionUrl(url: string): string {
  return /wsdl/i.test(url) ? url : `${url}/wsdl`;
}

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const outcome = await fetchServiceDescription(http, serviceDescriptionUrl(credentials.url), {
    vendor: "Khaos Control",
    acceptListing: true,
  });
  if (outcome.reason !== "ok") return outcome;
  return {
    status: "operational",
    reason: "ok",
    httpStatus: 200,
    message: `The Khaos Control web service answered with its service description: reachable. ${KHAOS_NOT_VERIFIED}`,
  };
}

const notChecked = "The health check does not verify it (see the note on the URL).";

const fields: CredentialField[] = [
  url(
    "url",
    "Web service URL",
    "The address of your Khaos Control SOAP web service, from your Khaos setup/config or Khaos support, e.g. http://yourserver:8084/LiveSoap/KhaosKSD.exe (test systems: .../DemoSoap/defaultSoap/KhaosKSD.exe). The health check only confirms this service answers; it cannot verify the username and password.",
    { placeholder: "http://yourserver:8084/LiveSoap/KhaosKSD.exe", normalise: trimTrailingSlashes },
  ),
  username(
    `The Khaos Control user the integration signs in as, set up by your Khaos Control administrator. ${notChecked}`,
  ),
  password(`That Khaos Control user's password. ${notChecked}`),
];

export const khaosControl: SystemDef = {
  id: "khaos-control",
  name: "Khaos Control",
  category: "erp",
  reachabilityOnly: true,
  authTypes: [{ id: "soap", label: "SOAP web service", fields }],
  probe,
  hints: {
    reachable_no_auth: `Nothing to do for reachability. ${KHAOS_NOT_VERIFIED} A wrong password shows up only when the integration runs.`,
    not_found:
      "Check the Web service URL: it ends in the web service executable, e.g. .../LiveSoap/KhaosKSD.exe, as given in your Khaos setup.",
    connection_refused:
      "Check the Web service URL's host and port (often 8084), that the Khaos web service is running, and that the server's firewall lets our servers in.",
  },
};
