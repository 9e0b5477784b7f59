import { getDb } from "@/db";
import { AddCompanyGroupForm, RenameCompanyGroupForm } from "@/components/settings/company-group-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { listCompanyGroups } from "@/db/queries/company-groups";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Company groups · Settings" };

export default async function CompanyGroupsPage() {
  const user = await requireUser();
  if (!can(user, "company-groups.manage")) return <AccessDenied what="company groups" />;
  const groups = await listCompanyGroups(await getDb(), { orgId: user.orgId });
  return (
    <>
      <PageHeader
        title="Company groups"
        description="A group may hold one live and one test connector per system. Three Shopify stores need three groups."
      />
      <ul className="mb-8 space-y-3">
        {groups.map((g) => (
          <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-4">
            {g.isDefault ? <p className="mb-2 text-xs font-medium uppercase text-slate-600">Default group</p> : null}
            <RenameCompanyGroupForm groupId={g.id} name={g.name} />
          </li>
        ))}
      </ul>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Add a company group</h2>
        <AddCompanyGroupForm />
      </section>
    </>
  );
}
