import { NotBuiltYet, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Sync reports" };

export default async function SyncReportsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Sync reports" description="Every sync run, filterable by status, system and date." />
      <NotBuiltYet what="The sync report" issue={6} />
    </>
  );
}
