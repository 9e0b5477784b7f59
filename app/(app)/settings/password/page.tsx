import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Your password · Settings" };

export default async function PasswordPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Your password"
        description={`Signed in as ${user.email}. Changing it signs you out on every other device.`}
      />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <ChangePasswordForm />
      </section>
    </>
  );
}
