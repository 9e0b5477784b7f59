import { getDb } from "@/db";
import { listWebhooks } from "@/db/queries/webhooks";
import { RegisterWebhookForm, WebhookRowActions } from "@/components/notifications/webhook-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listWebhookDeliveries } from "@/lib/notifications/webhooks";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata = { title: "Webhooks · Settings" };
export const dynamic = "force-dynamic";

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export default async function WebhooksPage() {
  const user = await requireUser();
  if (!can(user, "notifications.manage")) return <AccessDenied what="webhooks" />;
  const db = await getDb();
  const [hooks, deliveries] = await Promise.all([
    listWebhooks(db, { orgId: user.orgId }),
    listWebhookDeliveries(db, { orgId: user.orgId }),
  ]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Every connector status change is POSTed as JSON, signed with HMAC-SHA256 (header Patchbay-Signature: t=<unix time>,v1=<hex>), and retried with back-off for a day. The README shows how to verify it."
      />
      <ul className="mb-8 space-y-3" aria-label="Webhooks">
        {hooks.length === 0 ? <li className="text-sm text-slate-600">No webhooks registered.</li> : null}
        {hooks.map((h) => (
          <li
            key={h.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <div>
              <p className="break-all font-mono text-sm">{h.url}</p>
              <p className="text-xs text-slate-600">
                {h.active ? "Active" : "Deactivated"} · registered {utc(h.createdAt)}
              </p>
            </div>
            <WebhookRowActions webhookId={h.id} url={h.url} active={h.active} />
          </li>
        ))}
      </ul>
      <section className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Register an endpoint</h2>
        <RegisterWebhookForm allowHttp={env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Delivery log</h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">No deliveries yet.</p>
        ) : (
          <TableScroll label="Delivery log" framed={false}>
            <table className="w-full text-left text-sm" aria-label="Delivery log">
              <thead className="text-xs uppercase text-slate-600">
                <tr>
                  <th className="py-2">When</th>
                  <th>Endpoint</th>
                  <th>Event</th>
                  <th>Attempt</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="py-2 whitespace-nowrap">{utc(d.at)}</td>
                    <td className="max-w-64 truncate font-mono text-xs" title={d.url}>
                      {d.url}
                    </td>
                    <td>{d.event}</td>
                    <td>{d.attempt}</td>
                    <td className={d.ok ? "text-emerald-700" : "text-red-700"}>
                      {d.ok ? `Delivered (HTTP ${d.httpStatus})` : (d.error ?? "Failed")} · {d.durationMs} ms
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
