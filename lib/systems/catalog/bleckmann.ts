import { trimTrailingSlashes } from "../kit/normalise";
import { vendorText } from "../kit/http-probe";
import { apiKey, authType, url } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Bleckmann warehousing API (also serves Bleckmann Returns through its RETURN resource). Evidence
 * is thin (docs/systems.md, Bleckmann): the one public client, GorgonFreeman/bedrock bleckmann/*.js, sends
 * `x-api-key: {PRIMARY_KEY}` to BASE_URL + /warehousing/skus (and /warehousing/returns), reads
 * `result.data`, and notes "The 'limit' query parameter must be an integer from 1 to 1000"; one
 * version used the base https://apis.bleckmann.com/warehousing/v1.6.0. The spec it cites
 * (SwaggerHub Bleckmann/warehousing 1.5.2) was not readable here. The rejection status is a
 * GUESS: an API gateway answers a bad key with 401 (Azure APIM) or 403 {"message":"Forbidden"}
 * (AWS API Gateway, which uses exactly this header), so both read as auth failures, and any
 * other answer keeps the generic, conservative reading.
 */
export function normaliseBleckmannUrl(value: string): string {
  // Users paste a resource URL: keep the base and any /warehousing/vX.Y.Z prefix, drop the resource.
  return trimTrailingSlashes(
    trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(
      /\/(skus|returns|inventor(y|ies)|asns|picktickets|parcels|events)(\/.*)?$/i,
      "",
    ),
  );
}

/** https://apis.bleckmann.com -> .../warehousing; a base that already has /warehousing[/vX] is kept. */
export function warehousingRoot(baseUrl: string): string {
  return /\/warehousing(\/v?[\d.]+)?$/i.test(baseUrl) ? baseUrl : `${baseUrl}/warehousing`;
}

export function bleckmannSystem(opts: {
  id: string;
  name: string;
  resource: "skus" | "returns";
  what: string;
}): SystemDef {
  return {
    id: opts.id,
    name: opts.name,
    category: opts.resource === "returns" ? "returns" : "wms",
    authTypes: [
      authType("api-key", "API key", [
        url(
          "baseUrl",
          "Base URL",
          "The address of Bleckmann's API, given by Bleckmann with your key: normally https://apis.bleckmann.com (some accounts use a versioned base such as https://apis.bleckmann.com/warehousing/v1.6.0).",
          {
            defaultValue: "https://apis.bleckmann.com",
            placeholder: "https://apis.bleckmann.com",
            normalise: normaliseBleckmannUrl,
          },
        ),
        apiKey(
          "The API subscription key (primary key) Bleckmann issued for your account, sent in the x-api-key header. Ask your Bleckmann account manager if you do not have one.",
          "Primary key",
        ),
      ]),
    ],
    probe: restProbe({
      vendor: "Bleckmann",
      request: ({ baseUrl, apiKey }) => ({
        url: `${warehousingRoot(baseUrl)}/${opts.resource}?limit=1`,
        headers: { "x-api-key": apiKey, accept: "application/json" },
        maxBytes: 16 * 1024,
      }),
      refusal: (res) => vendorText(res.json<{ message?: unknown }>()?.message, 80),
      notTheApi: { api: "Bleckmann warehousing" },
      success: `Read ${opts.what} from the Bleckmann warehousing API.`,
    }),
    hints: {
      invalid_credentials:
        "Bleckmann did not accept the key. Check the primary key with Bleckmann (a regenerated key replaces the old one).",
      forbidden:
        "Bleckmann's gateway refused the key: it is wrong, revoked, or not subscribed to the warehousing API. Check it with Bleckmann.",
      not_found: `Nothing answered at /warehousing/${opts.resource} under this base URL: check it with Bleckmann (normally https://apis.bleckmann.com).`,
    },
  };
}

export const bleckmann = bleckmannSystem({ id: "bleckmann", name: "Bleckmann (API)", resource: "skus", what: "SKUs" });
