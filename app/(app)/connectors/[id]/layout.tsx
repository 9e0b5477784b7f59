import { Link } from "@/components/ui/link";
import { ConnectorTabs } from "@/components/connectors/connector-tabs";
import { StatusBadge } from "@/components/connectors/status-badge";
import { SystemMark } from "@/components/connectors/system-mark";
import { can } from "@/lib/auth/permissions";
import { getSystem } from "@/lib/systems";
import { loadConnectorPage } from "./connector-context";

export default async function ConnectorLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { user, connector } = await loadConnectorPage(id);
  const systemName = getSystem(connector.systemId)?.name ?? connector.systemId;
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href={`/connectors?tab=${connector.environment}`} className="text-brand-700 hover:underline">
          ← Connectors
        </Link>
      </p>
      {/* The name takes the room it needs, up to two lines (the whole name in its tooltip); the status badge goes under
          it on a phone. */}
      <header className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        <SystemMark systemId={connector.systemId} name={systemName} size="lg" />
        <div className="min-w-0 flex-1 basis-52">
          <h1
            className="line-clamp-2 text-xl font-semibold tracking-tight [overflow-wrap:anywhere] sm:text-2xl"
            title={connector.name}
          >
            {connector.name}
          </h1>
          <p className="text-sm text-slate-600">
            {systemName} · {connector.environment === "live" ? "Live" : "Testing"} · {connector.companyGroupName} ·
            times in {connector.timeZone}
          </p>
        </div>
        <div className="shrink-0">
          <StatusBadge status={connector.status} />
        </div>
      </header>
      <ConnectorTabs id={connector.id} showSettings={can(user, "connectors.settings.view")} />
      {children}
    </>
  );
}
