import { trimTrailingSlashes } from "../normalise";
import { basicAuth, looksLikeHtml, notTheApi, ok, statusOutcome } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Torque WMS API. Evidence is thin: nothing public except the Fabric-Laravel repo's
 * TorqueAPIService (systems.md, FAB): GET {url}/api/{version}/status with `Authorization: Basic
 * {auth}` over HTTPS, success = HTTP 200 and nothing read from the body. So the probe is
 * conservative: 200 is operational unless it is plainly a web page; 401/403 are the generic auth
 * failures (GUESS: no Torque error body is known); anything else keeps the raw status.
 */
async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const res = await http.request(`${credentials.url}/api/${encodeURIComponent(credentials.version)}/status`, {
    headers: { authorization: basicAuth(credentials.username, credentials.password), "content-type": "application/json", accept: "application/json" },
    maxBytes: 16 * 1024,
  });
  if (res.status !== 200) return statusOutcome(res, "Torque");
  if (looksLikeHtml(res)) return notTheApi(res, "Torque");
  return ok("Torque's status endpoint accepted the credentials.");
}

export const torque: SystemDef = {
  id: "torque",
  name: "Torque",
  category: "wms",
  authTypes: [
    {
      id: "basic",
      label: "API user",
      fields: [
        {
          key: "url",
          label: "API URL",
          help: "The https:// address of your Torque API, given by Torque with your API user (without /api/... at the end).",
          secret: false,
          kind: "url",
          normalise: (v) => trimTrailingSlashes(trimTrailingSlashes(v.replace(/[?#].*$/, "")).replace(/\/api(\/.*)?$/i, "")),
          pattern: { regex: /^https:\/\//i, message: "The API URL must start with https://." },
        },
        {
          key: "version",
          label: "API version",
          help: "The API version in your Torque API addresses ({URL}/api/{version}/...), as given by Torque, e.g. v1.",
          secret: false,
          kind: "text",
          placeholder: "v1",
          pattern: { regex: /^[A-Za-z0-9._-]{1,20}$/, message: "Enter the version only, like v1." },
        },
        { key: "username", label: "Username", help: "The API username Torque issued for your integration.", secret: false, kind: "text" },
        { key: "password", label: "Password", help: "The password of that Torque API user.", secret: true, kind: "password", trim: false },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: "Torque did not accept the username and password. Check them with Torque.",
    not_found: "Nothing answered at {URL}/api/{version}/status: check the API URL and version with Torque.",
  },
};
