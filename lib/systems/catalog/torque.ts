import { trimTrailingSlashes } from "../kit/normalise";
import { basicAuth } from "../kit/http-probe";
import { authType, httpsOnly, password, text, url, username } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Torque WMS API (docs/systems.md, Torque). Evidence is thin: one production integration calls GET
 * {url}/api/{version}/status with `Authorization: Basic {auth}` over HTTPS, success = HTTP 200 and nothing read from
 * the body. So the probe is conservative: 200 is operational unless it is plainly a web page; 401/403 are the generic
 * auth failures (GUESS: no Torque error body is known); anything else keeps the raw status.
 */
export const torque: SystemDef = {
  id: "torque",
  name: "Torque",
  category: "wms",
  authTypes: [
    authType("basic", "API user", [
      url(
        "url",
        "API URL",
        "The https:// address of your Torque API, given by Torque with your API user (without /api/... at the end).",
        {
          normalise: (v) =>
            trimTrailingSlashes(trimTrailingSlashes(v.replace(/[?#].*$/, "")).replace(/\/api(\/.*)?$/i, "")),
          pattern: httpsOnly(),
        },
      ),
      text(
        "version",
        "API version",
        "The API version in your Torque API addresses ({URL}/api/{version}/...), as given by Torque, e.g. v1.",
        {
          placeholder: "v1",
          pattern: { regex: /^[A-Za-z0-9._-]{1,20}$/, message: "Enter the version only, like v1." },
        },
      ),
      username("The API username Torque issued for your integration."),
      password("The password of that Torque API user."),
    ]),
  ],
  probe: restProbe({
    vendor: "Torque",
    request: ({ url, version, username, password }) => ({
      url: `${url}/api/${encodeURIComponent(version)}/status`,
      headers: {
        authorization: basicAuth(username, password),
        "content-type": "application/json",
        accept: "application/json",
      },
      maxBytes: 16 * 1024,
    }),
    expect: "not-html",
    success: "Torque's status endpoint accepted the credentials.",
  }),
  hints: {
    invalid_credentials: "Torque did not accept the username and password. Check them with Torque.",
    not_found: "Nothing answered at {URL}/api/{version}/status: check the API URL and version with Torque.",
  },
};
