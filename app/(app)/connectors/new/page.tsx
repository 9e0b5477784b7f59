import { getDb } from "@/db";
import { AddConnectorWizard } from "@/components/connectors/wizard/add-connector-wizard";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { listCompanyGroups } from "@/db/queries/company-groups";
import { listPlacedConnectors } from "@/db/queries/connectors";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { DATE_FORMATS, timeZones } from "@/lib/format/date";
import { catalogue } from "@/lib/connectors/catalogue";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add a connector" };

export default async function NewConnectorPage({
  searchParams,
}: {
  searchParams: Promise<{ system?: string | string[]; environment?: string | string[] }>;
}) {
  const user = await requireUser();
  if (!can(user, "connectors.manage")) return <AccessDenied title="Add a connector" what="adding connectors" />;
  const params = await searchParams;
  const db = await getDb();
  const [groups, existing] = await Promise.all([
    listCompanyGroups(db, { orgId: user.orgId }),
    listPlacedConnectors(db, { orgId: user.orgId }),
  ]);
  const systems = catalogue();
  const system =
    typeof params.system === "string" && systems.some((s) => s.id === params.system) ? params.system : undefined;
  return (
    <>
      <PageHeader
        title="Add a connector"
        description="A connector holds one system's credentials. They are checked against the system before the connector is saved."
      />
      <AddConnectorWizard
        systems={systems}
        groups={groups.map((g) => ({ id: g.id, name: g.name, isDefault: g.isDefault }))}
        dateFormats={DATE_FORMATS.map((f) => ({ id: f.id, label: f.label }))}
        timeZones={timeZones()}
        existing={existing}
        initialSystemId={system}
        initialEnvironment={params.environment === "test" ? "test" : "live"}
      />
    </>
  );
}
