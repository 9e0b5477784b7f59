import { Link } from "@/components/ui/link";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ConnectorNotificationChoice } from "@/lib/notifications/groups";
import { ConnectorGroupForm } from "./connector-group-form";

const ADMINS = "Administrators (default)";

/**
 * The connector settings page's notification section: administrators pick the group, managers see who it is. The
 * page loads the choice (getConnectorNotificationChoice).
 */
export function ConnectorNotifications({
  user,
  connectorId,
  choice,
}: {
  user: SessionUser;
  connectorId: string;
  choice: ConnectorNotificationChoice;
}) {
  const { groupId: current, groups } = choice;
  if (!can(user, "notifications.manage")) {
    return (
      <p className="text-sm text-slate-700">
        Notified: {groups.find((g) => g.id === current)?.name ?? ADMINS}. Administrators can change this.
      </p>
    );
  }
  const options = [{ value: "", label: ADMINS }, ...groups.map((g) => ({ value: g.id, label: g.name }))];
  return (
    <div className="space-y-2">
      <ConnectorGroupForm connectorId={connectorId} groupId={current} options={options} />
      <p className="text-sm text-slate-600">
        Groups and their recipients are managed in{" "}
        <Link
          href="/settings/notifications"
          className="text-brand-700 underline underline-offset-2 hover:text-brand-900"
        >
          Settings → Notifications
        </Link>
        .
      </p>
    </div>
  );
}
