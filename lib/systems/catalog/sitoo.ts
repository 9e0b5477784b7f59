import { trimTrailingSlashes } from "../kit/normalise";
import { basicAuth, statusOutcome } from "../kit/http-probe";
import { authType, password, text, url } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Sitoo REST API v2 (docs/systems.md, Sitoo): HTTP Basic with API ID and password; requests must come from an allowed
 * IP or are rejected; the API host differs per location (api.mysitoo.com, api-sandbox.mysitoo.com);
 * GET /v2/accounts/{accountid}/sites.json lists sites as { totalcount, items }, 401 "Unauthorized. Authorization
 * failed."; the account ID is the first part of the API ID.
 */
export function normaliseSitooUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(/\/v2(\/.*)?$/i, ""));
}

const KEY_HINT =
  "Check the API ID and password Sitoo gave you, and that the account ID is the first part of the API ID. Sitoo also refuses calls from addresses not on the API user's IP allow-list: add our servers' outgoing addresses.";

export const sitoo: SystemDef = {
  id: "sitoo",
  name: "Sitoo",
  category: "pos",
  authTypes: [
    authType("basic", "API user", [
      url(
        "apiUrl",
        "API URL",
        "Sitoo's API address for your account's location, given with the API user: e.g. https://api.mysitoo.com (sandbox accounts: https://api-sandbox.mysitoo.com).",
        {
          defaultValue: "https://api.mysitoo.com",
          placeholder: "https://api.mysitoo.com",
          normalise: normaliseSitooUrl,
        },
      ),
      text(
        "accountId",
        "Account ID",
        "Your Sitoo account number: the first part of the API ID, e.g. 10020 for API ID 10020-140.",
        {
          placeholder: "10020",
          pattern: {
            regex: /^\d{1,12}$/,
            message: "The account ID is a number, like 10020 (the part of the API ID before the dash).",
          },
        },
      ),
      text(
        "apiId",
        "API ID",
        "The API user's ID, like 10020-140, given by Sitoo (or your Sitoo partner) when the API user is created.",
        {
          placeholder: "10020-140",
          pattern: { regex: /^\d+-\d+$/, message: "An API ID looks like 10020-140." },
        },
      ),
      password("The password created with that API user; Sitoo only shows it once.", "API password"),
    ]),
  ],
  probe: restProbe({
    vendor: "Sitoo",
    request: ({ apiUrl, accountId, apiId, password }) => ({
      url: `${apiUrl}/v2/accounts/${encodeURIComponent(accountId)}/sites.json`,
      headers: { authorization: basicAuth(apiId, password), accept: "application/json" },
      maxBytes: 64 * 1024,
    }),
    quirks: (res, { accountId, apiId }) => {
      if (res.status === 401 && !apiId.startsWith(`${accountId}-`)) {
        const why = `The API ID ${apiId} does not start with the account ID ${accountId}: the account ID is the part of the API ID before the dash.`;
        return { ...statusOutcome(res, "Sitoo"), hint: `${why} ${KEY_HINT}` };
      }
      if (res.status === 404)
        return {
          ...statusOutcome(res, "Sitoo"),
          message: `Sitoo has no account "${accountId}" at this API URL (HTTP 404).`,
        };
      return undefined;
    },
    expect: (res) => {
      const body = res.json<{ items?: unknown; totalcount?: unknown }>();
      return !!body && (Array.isArray(body.items) || typeof body.totalcount === "number");
    },
    success: (_res, { accountId }) => `Connected to Sitoo account ${accountId}.`,
  }),
  hints: {
    invalid_credentials: KEY_HINT,
    forbidden: KEY_HINT,
    not_found: "Check the account ID and the API URL: accounts only answer at their own location's API host.",
  },
};
