import { Link } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const sections = [
    {
      href: "/settings/password",
      title: "Your password",
      text: "Change the password you sign in with; other devices are signed out.",
      allowed: can(user, "account.password"),
    },
    {
      href: "/settings/users",
      title: "Users",
      text: "Who can sign in to your organisation, and with which role.",
      allowed: can(user, "users.manage"),
    },
    {
      href: "/settings/company-groups",
      title: "Company groups",
      text: "Each group holds one live and one test connector per system.",
      allowed: can(user, "company-groups.manage"),
    },
    {
      href: "/settings/notifications",
      title: "Notifications",
      text: "Who receives e-mails when a connector fails or recovers.",
      allowed: can(user, "notifications.manage"),
    },
    {
      href: "/settings/webhooks",
      title: "Webhooks",
      text: "Signed status-change events POSTed to your own endpoints, and messages to Slack or Microsoft Teams.",
      allowed: can(user, "notifications.manage"),
    },
    {
      href: "/settings/api-tokens",
      title: "API tokens",
      text: "Tokens your sync engine uses to report sync runs and read connector health.",
      allowed: can(user, "api-tokens.manage"),
    },
    {
      href: "/settings/api-reference",
      title: "API reference",
      text: "The API's operations, fields and examples (OpenAPI 3.1), for whoever connects a sync engine or system.",
      allowed: true,
    },
  ];
  return (
    <>
      <PageHeader title="Settings" description={user.orgName} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href} className="rounded-lg border border-slate-200 bg-white p-5">
            {s.allowed ? (
              <Link href={s.href} className="font-medium text-brand-700 hover:underline">
                {s.title}
              </Link>
            ) : (
              <span className="font-medium text-slate-600">{s.title} (administrators only)</span>
            )}
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
