import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import {
  AddMemberForm,
  CreateGroupForm,
  DeleteGroupForm,
  RemoveMemberForm,
  RenameGroupForm,
} from "@/components/notifications/group-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listNotificationGroups } from "@/lib/notifications/groups";
import { isEmailConfigured } from "@/lib/notifications/mailer";

export const metadata = { title: "Notifications · Settings" };
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const user = await requireUser();
  if (!can(user, "notifications.manage")) return <AccessDenied title="Notifications" what="notification groups" />;
  const db = await getDb();
  const [groups, users] = await Promise.all([
    listNotificationGroups(db, { orgId: user.orgId }),
    listUsers(db, { orgId: user.orgId }),
  ]);
  const userOptions = users.map((u) => ({ id: u.id, label: `${u.name} <${u.email}>` }));
  return (
    <>
      <PageHeader
        title="Notifications"
        description="When a connector's status changes (to a failure, and back to Operational) its group gets an e-mail; while it stays down, a reminder once a day. A connector with no group notifies the administrators. Pick a connector's group on its settings page."
      />
      {isEmailConfigured() ? null : (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          E-mail is not configured: set <code>SMTP_URL</code> to send notifications. Until then they are written to the
          server log (development) or kept in the outbox and retried for a day (production).
        </p>
      )}
      <ul className="mb-8 space-y-4" aria-label="Notification groups">
        {groups.length === 0 ? (
          <li className="text-sm text-slate-600">No groups yet: every connector notifies the administrators.</li>
        ) : null}
        {groups.map((g) => (
          <li key={g.id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{g.name}</h2>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <RenameGroupForm groupId={g.id} name={g.name} />
              <DeleteGroupForm groupId={g.id} name={g.name} />
            </div>
            <div>
              <h3 className="text-sm font-medium text-slate-700">Recipients</h3>
              {g.members.length === 0 ? (
                <p className="text-sm text-amber-800">
                  No recipients yet: notifications for its connectors reach nobody.
                </p>
              ) : (
                <ul className="mt-1 divide-y divide-slate-100 text-sm" aria-label={`Recipients of ${g.name}`}>
                  {g.members.map((m) => (
                    <li key={m.id} className="flex items-center justify-between py-1.5">
                      <span>{m.label}</span>
                      <RemoveMemberForm groupId={g.id} memberId={m.id} label={m.label} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <AddMemberForm groupId={g.id} name={g.name} users={userOptions} />
            <p className="text-xs text-slate-600">
              {g.connectors.length ? `Used by: ${g.connectors.join(", ")}` : "No connector uses this group yet."}
            </p>
          </li>
        ))}
      </ul>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Create a notification group</h2>
        <CreateGroupForm />
      </section>
    </>
  );
}
