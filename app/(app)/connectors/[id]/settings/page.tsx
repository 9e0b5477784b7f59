import type { Metadata } from "next";
import { getDb } from "@/db";
import { listConnectorAudit } from "@/db/queries/audit";
import { listConnectorServices } from "@/db/queries/connector-summary";
import { findConnectorForMaintenance, listCurrentWindows } from "@/db/queries/maintenance";
import { listInboundClients } from "@/db/queries/inbound-api";
import { listSandboxModes } from "@/db/queries/sandbox";
import { SandboxModeForm } from "@/components/connectors/sandbox-mode-form";
import { CredentialsPanel } from "@/components/connectors/settings/credentials-panel";
import { DeleteBlocked } from "@/components/connectors/settings/delete-blocked";
import { DeleteForm } from "@/components/connectors/settings/delete-form";
import { InboundApiPanel } from "@/components/connectors/settings/inbound-api-panel";
import { GeneralForm } from "@/components/connectors/settings/general-form";
import { MaintenancePanel } from "@/components/connectors/settings/maintenance-panel";
import { ConnectorNotifications } from "@/components/notifications/connector-notifications";
import { AccessDenied } from "@/components/ui/page-header";
import { SANDBOX_MODES, type SandboxMode } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { toCatalogueSystem } from "@/lib/connectors/catalogue";
import { getCredentialsView } from "@/lib/connectors/credentials-view";
import { formatDateTime, timeZones } from "@/lib/format/date";
import { env } from "@/lib/env";
import { toLocalInput } from "@/lib/maintenance/local-time";
import { getConnectorNotificationChoice } from "@/lib/notifications/groups";
import { SANDBOX_MODE_LABELS } from "@/lib/sandbox/accounts";
import { getSystem } from "@/lib/systems";
import { loadConnectorPage } from "../connector-context";

/** "Shopify UK · Settings · Patchbay": the connector comes from the same once-per-request lookup the page uses. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { connector } = await loadConnectorPage((await params).id);
  return { title: `${connector.name} · Settings` };
}
export const dynamic = "force-dynamic";

export default async function ConnectorSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, connector } = await loadConnectorPage(id);
  if (!can(user, "connectors.settings.view")) return <AccessDenied what="this connector's settings" />;
  const db = await getDb();
  const system = getSystem(connector.systemId);
  const scope = { orgId: user.orgId, connectorId: connector.id };
  const [credentials, audit, usedBy, modes, clients, notified, cadence, windows] = await Promise.all([
    getCredentialsView(db, scope),
    listConnectorAudit(db, scope),
    listConnectorServices(db, scope),
    system?.capabilities?.sandboxModes && can(user, "sandbox.mode")
      ? listSandboxModes(db, { orgId: user.orgId })
      : Promise.resolve(new Map<string, SandboxMode>()),
    system?.capabilities?.issuedClients ? listInboundClients(db, scope) : Promise.resolve([]),
    getConnectorNotificationChoice(db, scope),
    findConnectorForMaintenance(db, scope),
    listCurrentWindows(db, scope),
  ]);
  const sandboxMode = modes.get(connector.id);
  const when = (d: Date) => formatDateTime(d, connector.timeZone, connector.dateFormat);
  const now = new Date();

  return (
    <div className="space-y-8">
      <Section title="General">
        <GeneralForm
          connectorId={connector.id}
          name={connector.name}
          timeZone={connector.timeZone}
          dateFormat={connector.dateFormat}
          zones={timeZones()}
          now={now}
        />
      </Section>
      {system?.capabilities?.issuedClients ? (
        <Section
          title="Inbound API client"
          description="The system that sends data to Patchbay authenticates with a client ID and secret issued here."
        >
          <InboundApiPanel
            connectorId={connector.id}
            tokenUrl={new URL("/api/inbound/v1/token", env.APP_URL).toString()}
            clients={clients.map((c) => ({
              clientId: c.clientId,
              created: when(c.createdAt),
              lastToken: c.lastTokenAt ? when(c.lastTokenAt) : null,
              revoked: Boolean(c.revokedAt),
            }))}
          />
        </Section>
      ) : (
        <Section
          title="Credentials"
          description="Every service using this connector picks up new credentials at once. Saving checks them first."
        >
          {credentials.unreadable ? (
            <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
              The stored credentials cannot be read with the configured encryption keys. Enter them again to replace
              them.
            </p>
          ) : null}
          {system ? (
            <CredentialsPanel
              connectorId={connector.id}
              system={toCatalogueSystem(system)}
              authType={credentials.authType}
              values={credentials.values}
              masks={credentials.masks}
            />
          ) : (
            <p>This system is no longer supported.</p>
          )}
        </Section>
      )}
      {sandboxMode ? (
        <Section
          title="Sandbox behaviour"
          description="How the pretend vendor answers this connector's checks. Switch it to watch a status change."
        >
          <SandboxModeForm
            connectorId={connector.id}
            name={connector.name}
            mode={sandboxMode}
            options={SANDBOX_MODES.map((m) => ({ value: m, label: SANDBOX_MODE_LABELS[m] }))}
          />
        </Section>
      ) : null}
      {can(user, "connectors.manage") ? (
        <Section
          title="Checks and maintenance"
          description="How often the connector is checked, and when it is not: a pause, or a maintenance window planned ahead."
        >
          <MaintenancePanel
            connectorId={connector.id}
            timeZone={connector.timeZone}
            intervalMinutes={cadence?.checkIntervalMinutes ?? null}
            defaultMinutes={Math.max(1, Math.round(env.HEALTHCHECK_INTERVAL / 60))}
            nowLocal={toLocalInput(now, connector.timeZone)}
            windows={windows.map((w) => ({
              id: w.id,
              kind: w.kind,
              starts: when(w.startsAt),
              ends: w.endsAt ? when(w.endsAt) : null,
              reason: w.reason,
              createdByName: w.createdByName,
              active: w.startsAt <= now,
            }))}
          />
        </Section>
      ) : null}
      <Section
        title="Notifications"
        description="Who receives an e-mail when this connector fails or recovers, and a daily reminder while it stays down."
      >
        <ConnectorNotifications user={user} connectorId={connector.id} choice={notified} />
      </Section>
      <Section title="Recent changes">
        {audit.length === 0 ? (
          <p className="text-sm text-slate-600">No changes recorded yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm" aria-label="Recent changes">
            {audit.map((a) => (
              <li key={a.id} className="flex flex-wrap gap-x-3 py-2">
                <time dateTime={a.at.toISOString()} className="text-slate-600">
                  {when(a.at)}
                </time>
                <span className="font-medium">{a.actorName}</span>
                <span>{a.summary}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Delete connector">
        {usedBy.length > 0 ? (
          <DeleteBlocked services={usedBy} />
        ) : (
          <DeleteForm connectorId={connector.id} name={connector.name} usedBy={[]} />
        )}
      </Section>
    </div>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby={`section-${title}`}>
      <h2 id={`section-${title}`} className="font-semibold">
        {title}
      </h2>
      {description ? <p className="mb-4 mt-1 text-sm text-slate-600">{description}</p> : <div className="mb-4" />}
      {children}
    </section>
  );
}
