import { vendorText } from "@/lib/health/vendor-text";
import { linkSandboxAccount, unlinkSandboxAccounts } from "@/db/queries/sandbox";
import { claimSandboxKey, hashSandboxKey } from "@/lib/sandbox/accounts";
import { authType, secret } from "../kit/fields";
import { restProbe } from "../kit/rest-probe";
import type { ConnectorSave, SystemDef, SystemHooks } from "@/lib/health/contract";

/**
 * Patchbay Sandbox: a pretend vendor served by this app (app/api/sandbox), so anyone can try connectors and watch
 * status changes without real credentials. An administrator switches each sandbox account's behaviour: healthy,
 * rejecting credentials, down, slow or throttled. The probe talks to it exactly as to a real vendor.
 */
const accountProbe = restProbe({
  vendor: "The sandbox",
  request: ({ apiKey }, { appOrigin }) => ({
    url: new URL("/api/sandbox/v1/account", appOrigin).toString(),
    headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
  }),
  refusal: "generic",
  expect: (res) => !!res.json<{ account?: unknown }>()?.account,
  notTheApi: { message: "The sandbox answered, but not with account details." },
  success: (res) => {
    const name = res.json<{ account?: { name?: string } }>()?.account?.name;
    return `Connected to the sandbox account "${vendorText(name, 100) ?? "sandbox"}".`;
  },
});

/** A new key (a new connector, or a changed key): the pretend vendor only recognises keys it has issued. */
const newKey = (save: ConnectorSave) => !save.previous || save.previous.apiKey !== save.credentials.apiKey;

const hooks: SystemHooks = {
  // Issue the key before checking it, so the check can pass.
  beforeCheck: async (db, save) => {
    if (!newKey(save)) return;
    const { orgId, connectorId, name, credentials } = save;
    await claimSandboxKey(db, {
      orgId,
      ...(connectorId ? { forConnectorId: connectorId } : {}),
      name,
      apiKey: credentials.apiKey,
    });
  },
  // The sandbox account answers for this connector from now on (its modes are switched on the connector's settings).
  onSave: async (tx, save) => {
    if (!newKey(save)) return;
    const { orgId, connectorId } = save;
    if (save.previous) await unlinkSandboxAccounts(tx, { orgId, connectorId });
    await linkSandboxAccount(tx, { orgId, keyHash: hashSandboxKey(save.credentials.apiKey), connectorId });
  },
};

export const sandbox: SystemDef = {
  id: "sandbox",
  name: "Patchbay Sandbox",
  category: "platform",
  authTypes: [
    authType("api-key", "Sandbox API key", [
      secret(
        "apiKey",
        "Sandbox API key",
        "Any key starting with sbx_ (e.g. sbx_ followed by letters and digits). The sandbox issues it to this connector; no real system is involved.",
        {
          pattern: {
            regex: /^sbx_[A-Za-z0-9_]{8,}$/,
            message: "Use sbx_ followed by at least 8 letters, digits or underscores.",
          },
        },
      ),
    ]),
  ],
  probe: async (ctx) =>
    ctx.appOrigin
      ? accountProbe(ctx)
      : {
          status: "unreachable",
          reason: "unexpected_response",
          message: "The sandbox needs the app's own address (APP_URL) to be configured.",
        },
  capabilities: { sandboxModes: true },
  hooks,
  hints: {
    invalid_credentials:
      "The sandbox is set to reject credentials (or does not know this key). An administrator can switch its behaviour back to healthy.",
    http_5xx: "The sandbox is set to be down. An administrator can switch it back to healthy.",
    timeout: "The sandbox is set to answer slowly, past the check's time limit.",
  },
};
