import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import {
  AddCompanyGroupForm,
  DeleteCompanyGroupForm,
  RenameCompanyGroupForm,
} from "@/components/settings/company-group-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { listCompanyGroups, listConnectorsByCompanyGroup } from "@/db/queries/company-groups";
import { companyGroupDeleteBlocker } from "@/lib/accounts/company-groups";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Company groups · Settings" };

export default async function CompanyGroupsPage() {
  const user = await requireUser();
  if (!can(user, "company-groups.manage")) return <AccessDenied title="Company groups" what="company groups" />;
  const db = await getDb();
  const [groups, connectors] = await Promise.all([
    listCompanyGroups(db, { orgId: user.orgId }),
    listConnectorsByCompanyGroup(db, { orgId: user.orgId }),
  ]);
  return (
    <>
      <PageHeader
        title="Company groups"
        description="A group may hold one live and one test connector per system. Three Shopify stores need three groups."
      />
      <ul className="mb-8 space-y-3">
        {groups.map((g) => {
          const used = connectors.filter((c) => c.groupId === g.id);
          const blocker = companyGroupDeleteBlocker(
            g,
            used.map((c) => c.name),
          );
          return (
            <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`group-${g.name}`}>
              {g.isDefault ? <p className="mb-2 text-xs font-medium uppercase text-slate-600">Default group</p> : null}
              <RenameCompanyGroupForm groupId={g.id} name={g.name} />
              {used.length > 0 ? (
                <p className="mt-3 text-sm text-slate-600">
                  Used by{" "}
                  {used.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 ? ", " : null}
                      <Link href={`/connectors/${c.id}`} className="text-brand-700 underline">
                        {c.name}
                      </Link>
                    </span>
                  ))}
                  {g.isDefault ? null : ". Move or delete them to delete this group."}
                </p>
              ) : null}
              <div className="mt-3">
                {blocker ? (
                  g.isDefault ? (
                    <p className="text-sm text-slate-600">{blocker}</p>
                  ) : null
                ) : (
                  <DeleteCompanyGroupForm groupId={g.id} name={g.name} />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Add a company group</h2>
        <AddCompanyGroupForm />
      </section>
    </>
  );
}
