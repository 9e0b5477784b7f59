import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { AddUserForm } from "@/components/settings/add-user-form";
import { UserRowActions } from "@/components/settings/user-row-actions";
import { TableScroll } from "@/components/ui/table-scroll";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Users · Settings" };

export default async function UsersPage() {
  const user = await requireUser();
  if (!can(user, "users.manage")) return <AccessDenied title="Users" what="the Users page" />;
  const rows = await listUsers(await getDb(), { orgId: user.orgId });
  return (
    <>
      <PageHeader
        title="Users"
        description={`People who can sign in to ${user.orgName}. The last administrator cannot be removed or demoted.`}
      />
      <TableScroll label="Users" className="mb-8">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">E-mail</th>
              <th className="px-4 py-2">Role</th>
              <th className="px-4 py-2">Manage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-slate-100 align-top" data-testid={`user-${u.email}`}>
                <td className="px-4 py-3 font-medium">
                  {u.name}
                  {u.id === user.id ? <span className="ml-2 text-xs text-slate-600">(you)</span> : null}
                </td>
                <td className="px-4 py-3">
                  {u.email}
                  {u.invitedAt ? (
                    <span
                      className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
                      title="Invited: has not chosen a password yet, so cannot sign in"
                    >
                      Invited
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-3">{ROLE_LABELS[u.role]}</td>
                <td className="px-4 py-3">
                  <UserRowActions userId={u.id} name={u.name} role={u.role} invited={!!u.invitedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Invite a user</h2>
        <AddUserForm />
      </section>
    </>
  );
}
