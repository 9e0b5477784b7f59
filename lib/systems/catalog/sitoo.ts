import { trimTrailingSlashes } from "../normalise";
import { basicAuth, notTheApi, ok, statusOutcome } from "../http-probe";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * Sitoo REST API v2. Sources (systems.md ST1-ST4): sitoo.com/docs/api/v2/quick-start (HTTP Basic
 * with API ID and password; "the request must originate from an allowed IP ... otherwise the
 * request will be rejected"); developer.sitoo.com introduction (the API host differs per location,
 * e.g. api.mysitoo.com, api-sandbox.mysitoo.com); api-reference/sites (GET
 * /v2/accounts/{accountid}/sites.json lists sites as { totalcount, items }, 401 "Unauthorized.
 * Authorization failed."); Patchworks' field list (the account ID is the first part of the API ID).
 */
export function normaliseSitooUrl(value: string): string {
  return trimTrailingSlashes(trimTrailingSlashes(value.replace(/[?#].*$/, "")).replace(/\/v2(\/.*)?$/i, ""));
}

const KEY_HINT =
  "Check the API ID and password Sitoo gave you, and that the account ID is the first part of the API ID. Sitoo also refuses calls from addresses not on the API user's IP allow-list: add our servers' outgoing addresses.";

async function probe({ credentials, http }: ProbeContext): Promise<ProbeOutcome> {
  const { apiUrl, accountId, apiId, password } = credentials;
  const res = await http.request(`${apiUrl}/v2/accounts/${encodeURIComponent(accountId)}/sites.json`, {
    headers: { authorization: basicAuth(apiId, password), accept: "application/json" },
    maxBytes: 64 * 1024,
  });
  if (res.status === 401 && !apiId.startsWith(`${accountId}-`)) {
    return { ...statusOutcome(res, "Sitoo"), hint: `The API ID ${apiId} does not start with the account ID ${accountId}: the account ID is the part of the API ID before the dash. ${KEY_HINT}` };
  }
  if (res.status === 404) return { ...statusOutcome(res, "Sitoo"), message: `Sitoo has no account "${accountId}" at this API URL (HTTP 404).` };
  if (res.status !== 200) return statusOutcome(res, "Sitoo");
  const body = res.json<{ items?: unknown; totalcount?: unknown }>();
  if (!body || (!Array.isArray(body.items) && typeof body.totalcount !== "number")) return notTheApi(res, "Sitoo");
  return ok(`Connected to Sitoo account ${accountId}.`);
}

export const sitoo: SystemDef = {
  id: "sitoo",
  name: "Sitoo",
  category: "pos",
  authTypes: [
    {
      id: "basic",
      label: "API user",
      fields: [
        {
          key: "apiUrl",
          label: "API URL",
          help: "Sitoo's API address for your account's location, given with the API user: e.g. https://api.mysitoo.com (sandbox accounts: https://api-sandbox.mysitoo.com).",
          secret: false,
          kind: "url",
          defaultValue: "https://api.mysitoo.com",
          placeholder: "https://api.mysitoo.com",
          normalise: normaliseSitooUrl,
        },
        {
          key: "accountId",
          label: "Account ID",
          help: "Your Sitoo account number: the first part of the API ID, e.g. 10020 for API ID 10020-140.",
          secret: false,
          kind: "text",
          placeholder: "10020",
          pattern: { regex: /^\d{1,12}$/, message: "The account ID is a number, like 10020 (the part of the API ID before the dash)." },
        },
        {
          key: "apiId",
          label: "API ID",
          help: "The API user's ID, like 10020-140, given by Sitoo (or your Sitoo partner) when the API user is created.",
          secret: false,
          kind: "text",
          placeholder: "10020-140",
          pattern: { regex: /^\d+-\d+$/, message: "An API ID looks like 10020-140." },
        },
        { key: "password", label: "API password", help: "The password created with that API user; Sitoo only shows it once.", secret: true, kind: "password", trim: false },
      ],
    },
  ],
  probe,
  hints: {
    invalid_credentials: KEY_HINT,
    forbidden: KEY_HINT,
    not_found: "Check the account ID and the API URL: accounts only answer at their own location's API host.",
  },
};
