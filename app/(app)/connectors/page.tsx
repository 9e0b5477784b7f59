import { getDb } from "@/db";
import { listConnectors } from "@/db/queries/connectors";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Connectors" };

const STATUS_LABEL = { unknown: "Not checked yet", operational: "Operational", unreachable: "System Unreachable", auth_failed: "Failed Authentication" } as const;

export default async function ConnectorsPage() {
  const user = await requireUser();
  const rows = await listConnectors(await getDb(), { orgId: user.orgId });
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
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-medium">{c.name}</td>
                <td className="px-4 py-2">{c.systemId}</td>
                <td className="px-4 py-2">{c.environment === "live" ? "Live" : "Testing"}</td>
                <td className="px-4 py-2">{c.companyGroupName}</td>
                <td className="px-4 py-2">{STATUS_LABEL[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
