import { NotBuiltYet, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Services" description="Data flows from a source connector to a destination connector." />
      <NotBuiltYet what="Managing services" issue={6} />
    </>
  );
}
