import { getDb } from "@/db";
import { listWebhooks } from "@/db/queries/webhooks";
import { AddChatChannelForm, RegisterWebhookForm, WebhookRowActions } from "@/components/notifications/webhook-forms";
import { AccessDenied, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { CHAT_LABELS } from "@/lib/notifications/chat-channels";
import { listWebhookDeliveries } from "@/lib/notifications/webhooks";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata = { title: "Webhooks and chat · Settings" };
export const dynamic = "force-dynamic";

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export default async function WebhooksPage() {
  const user = await requireUser();
  if (!can(user, "notifications.manage")) return <AccessDenied title="Webhooks and chat" what="webhooks" />;
  const db = await getDb();
  const [hooks, deliveries] = await Promise.all([
    listWebhooks(db, { orgId: user.orgId }),
    listWebhookDeliveries(db, { orgId: user.orgId }),
  ]);
  return (
    <>
      <PageHeader
        title="Webhooks and chat"
        description="Every connector status change is POSTed as JSON to each webhook, signed with HMAC-SHA256 (header Patchbay-Signature: t=<unix time>,v1=<hex>), and posted as a message to each Slack and Microsoft Teams channel; each is retried with back-off for a day. The README shows how to verify a signature."
      />
      <ul className="mb-8 space-y-3" aria-label="Webhooks and chat channels">
        {hooks.length === 0 ? (
          <li className="text-sm text-slate-600">No webhooks or chat channels registered.</li>
        ) : null}
        {hooks.map((h) => (
          <li
            key={h.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <div>
              <p className="break-all font-mono text-sm">{h.url}</p>
              <p className="text-xs text-slate-600">
                {CHAT_LABELS[h.kind]} · {h.active ? "Active" : "Deactivated"} · registered {utc(h.createdAt)}
              </p>
            </div>
            <WebhookRowActions webhookId={h.id} url={h.url} active={h.active} chat={h.kind !== "webhook"} />
          </li>
        ))}
      </ul>
      <section className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Register an endpoint</h2>
        <RegisterWebhookForm allowHttp={env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS} />
      </section>
      <section className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="mb-4 font-semibold">Add a Slack or Microsoft Teams channel</h2>
        <AddChatChannelForm allowHttp={env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS} />
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
                    <td>
                      {d.event}
                      {d.kind !== "webhook" ? ` (${CHAT_LABELS[d.kind]})` : null}
                    </td>
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
