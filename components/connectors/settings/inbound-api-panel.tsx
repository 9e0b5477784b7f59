"use client";

import { useActionState } from "react";
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
      <div className="flex flex-wrap gap-2">
        <form action={issue}>
          <input type="hidden" name="connectorId" value={connectorId} />
          <SubmitButton pendingText="Issuing…">
            {active ? "Replace client (revokes the current one)" : "Issue client ID and secret"}
          </SubmitButton>
        </form>
        {active ? (
          <form action={revoke}>
            <input type="hidden" name="connectorId" value={connectorId} />
            <SubmitButton variant="danger" pendingText="Revoking…">
              Revoke client
            </SubmitButton>
          </form>
        ) : null}
      </div>
      <FormMessage state={issued.reveal ? { ok: true } : issued} />
      <FormMessage state={revoked} />
    </div>
  );
}
