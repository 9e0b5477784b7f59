"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { issueInboundClientAction, revokeInboundClientAction } from "@/lib/actions/inbound-api";
import { initialFormState } from "@/lib/form-state";

type Client = { clientId: string; created: string; lastToken: string | null; revoked: boolean };

/** Issue (or replace) the connector's client; the secret appears once, here, and is stored only as a hash. */
export function InboundApiPanel({
  connectorId,
  clients,
  tokenUrl,
}: {
  connectorId: string;
  clients: Client[];
  tokenUrl: string;
}) {
  const [issued, issue] = useActionState(issueInboundClientAction, initialFormState);
  const [revoked, revoke] = useActionState(revokeInboundClientAction, initialFormState);
  const active = clients.find((c) => !c.revoked);
  return (
    <div className="space-y-4 text-sm">
      {active ? (
        <p>
          Active client <code className="rounded bg-slate-100 px-1">{active.clientId}</code>, issued {active.created};
          last token {active.lastToken ?? "never"}.
        </p>
      ) : (
        <p>No active client: the connector reports Failed Authentication until one is issued.</p>
      )}
      {issued.reveal ? (
        <div role="status" className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 p-3">
          <p className="font-medium text-emerald-900">Copy these now; the secret is never shown again.</p>
          <p>
            Client ID: <code data-testid="issued-client-id">{issued.reveal.clientId}</code>
          </p>
          <p>
            Client secret: <code data-testid="issued-client-secret">{issued.reveal.clientSecret}</code>
          </p>
          <p className="text-slate-600">
            Exchange them for a 24-hour token: POST {tokenUrl} with grant_type=client_credentials (see the README).
          </p>
        </div>
      ) : null}
      <div className="flex flex-wrap items-start gap-2">
        {active ? (
          <>
            <ConfirmInline
              trigger="Replace client…"
              triggerStyle="secondary"
              label="Replace the client"
              title="Replace the client?"
              confirm="Replace client (revokes the current one)"
              pendingText="Issuing…"
              action={issue}
              state={issued}
              quietSuccess
            >
              <input type="hidden" name="connectorId" value={connectorId} />
              <p>
                A new client ID and secret are issued and <code>{active.clientId}</code> is revoked at once: the system
                sending data must switch to the new pair.
              </p>
            </ConfirmInline>
            <ConfirmInline
              trigger="Revoke client…"
              label="Revoke the client"
              title={`Revoke the client ${active.clientId}?`}
              confirm="Revoke client"
              pendingText="Revoking…"
              action={revoke}
              state={revoked}
              quietSuccess
            >
              <input type="hidden" name="connectorId" value={connectorId} />
              <p>
                Its tokens stop working at once and the connector reports Failed Authentication until a new client is
                issued.
              </p>
            </ConfirmInline>
          </>
        ) : (
          <form action={issue}>
            <input type="hidden" name="connectorId" value={connectorId} />
            <SubmitButton pendingText="Issuing…">Issue client ID and secret</SubmitButton>
          </form>
        )}
      </div>
      <FormMessage state={issued.reveal ? { ok: true } : issued} />
      <FormMessage state={revoked} />
    </div>
  );
}
