import { Link } from "@/components/ui/link";
import { getDb } from "@/db";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/settings/api-token-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { listTokensFor } from "@/lib/api-tokens/manage";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata = { title: "API tokens · Settings" };
export const dynamic = "force-dynamic";

// No organisation time zone exists yet, so times are shown in UTC and say so.
const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (d: Date | null) => (d ? `${fmt.format(d)} UTC` : null);

export default async function ApiTokensPage() {
  const user = await requireUser();
  if (!can(user, "api-tokens.manage")) return <AccessDenied title="API tokens" what="the API tokens page" />;
  const rows = await listTokensFor(await getDb(), user);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let your sync engine report sync runs and read connector health through the Patchbay API. Each token is shown once, when it is created."
      />
      <p className="mb-6 text-sm text-slate-700">
        What a token can do, with examples:{" "}
        <Link
          href="/settings/api-reference"
          className="text-brand-700 underline underline-offset-2 hover:text-brand-900"
        >
          the API reference
        </Link>
        .
      </p>
      <section className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Create a token</h2>
        <CreateApiTokenForm />
      </section>
      <TableScroll label="API tokens">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API tokens of {user.orgName}</caption>
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Token</th>
              <th className="px-4 py-2">Created</th>
              <th className="px-4 py-2">Last used</th>
              <th className="px-4 py-2">Manage</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-slate-600">
                  No tokens yet.
                </td>
              </tr>
            ) : null}
            {rows.map((t) => (
              <tr
                key={t.id}
                className={`border-t border-slate-100 align-top ${t.revokedAt ? "text-slate-500" : ""}`}
                data-testid={`token-${t.name}`}
              >
                <td className="px-4 py-3 font-medium">{t.name}</td>
                <td className="px-4 py-3 font-mono text-xs">{t.prefix}…</td>
                <td className="px-4 py-3">
                  {when(t.createdAt)}
                  {t.createdByName ? <span className="block text-xs text-slate-600">by {t.createdByName}</span> : null}
                </td>
                <td className="px-4 py-3">{when(t.lastUsedAt) ?? <span className="text-slate-600">Never</span>}</td>
                <td className="px-4 py-3">
                  {t.revokedAt ? (
                    <span className="text-xs font-medium uppercase">Revoked {when(t.revokedAt)}</span>
                  ) : (
                    <RevokeApiTokenButton tokenId={t.id} name={t.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
