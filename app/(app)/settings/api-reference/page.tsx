import { Link } from "@/components/ui/link";
import { ApiReference } from "@/components/settings/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "API reference · Settings" };

/** The OpenAPI document (served at /api/v1/openapi.json) as a page: readable by every member; it holds no data. */
export default async function ApiReferencePage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="API reference"
        description="The sync engine API and the Inbound API, from the same schemas the API validates with."
      />
      <p className="mb-6 text-sm text-slate-700">
        Machine-readable:{" "}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3.1). In the examples, <code>$PATCHBAY</code> is this app&apos;s URL, <code>$PATCHBAY_TOKEN</code> an{" "}
        <Link href="/settings/api-tokens" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
          API token
        </Link>{" "}
        and <code>$INBOUND_TOKEN</code> a token from the Inbound API&apos;s token endpoint.
      </p>
      <ApiReference />
    </>
  );
}
