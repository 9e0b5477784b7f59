"use client";

import { Link } from "@/components/ui/link";
import { serviceHref } from "@/lib/services/links";
import type { Direction } from "@/lib/connectors/types";
import { DIRECTION_LABELS } from "@/lib/format/direction-labels";

/**
 * The services shown (the caller may pass only the first few of `total`), with a link to all when some are left out.
 * A client component only so the page sends the services once as data rather than their markup twice.
 */
export function ServicesList({
  services,
  total = services.length,
  allHref,
}: {
  services: { id: string; name: string; active: boolean; direction: Direction }[];
  total?: number;
  allHref?: string;
}) {
  if (services.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No service uses this connector yet. Services that pull from it or push to it will appear here.
      </p>
    );
  const hidden = total - services.length;
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Services using this connector">
        {services.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <Link href={serviceHref(s.id)} className="font-medium text-brand-700 underline hover:text-brand-900">
                {s.name}
              </Link>
              {s.active ? null : <span className="ml-2 text-xs text-slate-600">(inactive)</span>}
            </span>
            <span className="text-slate-600">{DIRECTION_LABELS[s.direction]}</span>
          </li>
        ))}
      </ul>
      {hidden > 0 && allHref ? (
        <p className="mt-3 text-sm">
          <Link href={allHref} className="text-brand-700 underline hover:text-brand-900">
            Show all {total} services ({hidden} more)
          </Link>
        </p>
      ) : null}
    </>
  );
}
