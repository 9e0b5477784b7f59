"use client";

import { Link } from "@/components/ui/link";
import { useEffect, useRef, useState } from "react";
import { serviceAnchor } from "@/lib/services/links";
import { ActiveToggle } from "./active-toggle";
import { DeleteService } from "./delete-service";
import { ServiceForm, type ConnectorChoice } from "./service-form";

type End = { id: string; name: string; systemName: string };
export type ServiceView = {
  /** Query string of the sync report showing this service's recent failures. */
  failedHref: string;
  id: string;
  name: string;
  active: boolean;
  environment: "live" | "test";
  source: End;
  destination: End;
  lastSync: { label: string; utc: string } | null;
  failed24h: number;
};

/** One service; managers get the switch, Edit (an inline form in the row below) and Delete. */
export function ServiceRow({
  s,
  canManage,
  connectors,
}: {
  s: ServiceView;
  canManage: boolean;
  connectors: ConnectorChoice[];
}) {
  const [editing, setEditing] = useState(false);
  // Focus follows the editor: into its first field when it opens, back to "Edit" when it closes.
  const toggled = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const editorRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (!toggled.current) return;
    if (editing) editorRow.current?.querySelector<HTMLElement>("input:not([type=hidden]), select")?.focus();
    else editButton.current?.focus();
  }, [editing]);
  const edit = (next: boolean) => {
    toggled.current = true;
    setEditing(next);
  };
  return (
    <>
      <tr
        id={serviceAnchor(s.id)}
        className="scroll-mt-4 border-t border-slate-100 align-top target:bg-amber-50"
        data-testid={`service-${s.name}`}
      >
        <td className="px-3 py-3">
          <span className="font-medium">{s.name}</span>
          <span
            className={`ml-2 rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${s.environment === "live" ? "bg-slate-100 text-slate-700" : "bg-amber-100 text-amber-900"}`}
          >
            {s.environment}
          </span>
        </td>
        <td className="px-3 py-3">
          <Link href={`/connectors/${s.source.id}`} className="hover:underline">
            {s.source.name}
          </Link>{" "}
          <span aria-label="to">→</span>{" "}
          <Link href={`/connectors/${s.destination.id}`} className="hover:underline">
            {s.destination.name}
          </Link>
          <span className="block text-xs text-slate-600">
            {s.source.systemName} → {s.destination.systemName}
          </span>
        </td>
        <td className="whitespace-nowrap px-3 py-3">
          {s.lastSync ? (
            <time dateTime={s.lastSync.utc} title={`${s.lastSync.utc.slice(0, 19).replace("T", " ")} UTC`}>
              {s.lastSync.label}
            </time>
          ) : (
            <span className="text-slate-600">Never</span>
          )}
        </td>
        <td className="px-3 py-3 text-right tabular-nums">
          {s.failed24h > 0 ? (
            <Link
              href={s.failedHref}
              className="font-semibold text-red-700 hover:underline"
              title="Failed syncs in the last 24 hours: open them in the sync report"
            >
              {s.failed24h.toLocaleString("en-GB")}
            </Link>
          ) : (
            <span className="text-slate-600">0</span>
          )}
        </td>
        <td className="px-3 py-3">
          {canManage ? (
            <ActiveToggle serviceId={s.id} name={s.name} active={s.active} />
          ) : (
            <span className={s.active ? "text-emerald-800" : "text-slate-600"}>{s.active ? "Active" : "Inactive"}</span>
          )}
        </td>
        {canManage ? (
          <td className="px-3 py-3">
            <div className="flex flex-col items-start gap-2">
              <button
                ref={editButton}
                type="button"
                onClick={() => edit(!editing)}
                aria-expanded={editing}
                className="text-sm font-medium text-brand-700 hover:underline"
              >
                {editing ? "Close editor" : "Edit"}
              </button>
              <DeleteService serviceId={s.id} name={s.name} />
            </div>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr ref={editorRow} className="bg-slate-50">
          <td colSpan={6} className="px-3 py-4">
            <ServiceForm
              connectors={connectors}
              initial={{
                serviceId: s.id,
                name: s.name,
                sourceConnectorId: s.source.id,
                destinationConnectorId: s.destination.id,
              }}
              onDone={() => edit(false)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
