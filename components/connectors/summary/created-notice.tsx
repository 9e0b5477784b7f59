"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { STATUS_LABELS } from "@/lib/format/status-labels";
import type { ConnectorStatus } from "@/lib/connectors/types";

/**
 * The wizard's confirmation, on the new connector's summary (the wizard redirects here with ?created=1): what was
 * added and how its check went. Announced and focused once; Dismiss removes it and the parameter, so a reload or a
 * shared link does not confirm it again.
 */
export function CreatedNotice({
  name,
  status,
  platformManaged,
}: {
  name: string;
  status: ConnectorStatus;
  platformManaged: boolean;
}) {
  const [open, setOpen] = useState(true);
  const router = useRouter();
  const pathname = usePathname();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  if (!open) return null;
  const outcome = platformManaged
    ? "Issue its client ID and secret on its settings page."
    : status === "unknown"
      ? "It is checked again automatically."
      : `Its connection check found it ${STATUS_LABELS[status]}.`;
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="status"
      data-testid="created-notice"
      className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 outline-none focus-visible:ring-2 focus-visible:ring-emerald-700"
    >
      <p>
        <strong>{name}</strong> was added. {outcome}
      </p>
      <button
        type="button"
        onClick={() => {
          setOpen(false);
          router.replace(pathname, { scroll: false });
        }}
        className="rounded border border-emerald-700 px-2 py-0.5 text-xs font-semibold text-emerald-900 hover:bg-emerald-100"
      >
        Dismiss
      </button>
    </div>
  );
}
