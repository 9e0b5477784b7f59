import { getDb } from "@/db";
import { listConnectors } from "@/db/queries/connectors";
import { PageHeader } from "@/components/ui/page-header";
import { SandboxModeForm } from "@/components/connectors/sandbox-mode-form";
import { SANDBOX_MODES } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getSandboxModes, SANDBOX_MODE_LABELS } from "@/lib/sandbox/accounts";
import { getSystem } from "@/lib/systems";

const MODE_OPTIONS = SANDBOX_MODES.map((m) => ({ value: m, label: SANDBOX_MODE_LABELS[m] }));

export const metadata = { title: "Connectors" };

const STATUS_LABEL = { unknown: "Not checked yet", operational: "Operational", unreachable: "System Unreachable", auth_failed: "Failed Authentication" } as const;

export default async function ConnectorsPage() {
  const user = await requireUser();
  const db = await getDb();
  const rows = await listConnectors(db, { orgId: user.orgId });
  const modes = can(user, "sandbox.mode") ? await getSandboxModes(db, { orgId: user.orgId }) : new Map();
  return (
    <>
      <PageHeader title="Manage your connectors" description="Each connector holds one system's credentials. The tiles, wizard and status pages arrive with issue #4; this is the plain list." />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No connectors yet. A connector links Patchbay to one business system (Shopify, NetSuite, an SFTP drop…) and keeps its credentials safe.
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">System</th>
              <th className="px-4 py-2">Environment</th>
              <th className="px-4 py-2">Company group</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2">Last check</th>
              {modes.size ? <th className="px-4 py-2">Sandbox behaviour</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-medium">{c.name}</td>
                <td className="px-4 py-2">{getSystem(c.systemId)?.name ?? c.systemId}</td>
                <td className="px-4 py-2">{c.environment === "live" ? "Live" : "Testing"}</td>
                <td className="px-4 py-2">{c.companyGroupName}</td>
                <td className="px-4 py-2" data-testid={`status-${c.name}`}>
                  {STATUS_LABEL[c.status]}
                </td>
                <td className="px-4 py-2 text-slate-500">{c.lastCheckedAt ? `${c.lastCheckedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—"}</td>
                {modes.size ? (
                  <td className="px-4 py-2">
                    {modes.has(c.id) ? <SandboxModeForm connectorId={c.id} name={c.name} mode={modes.get(c.id)} options={MODE_OPTIONS} /> : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
