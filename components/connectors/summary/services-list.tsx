import Link from "next/link";
import { serviceHref } from "@/lib/services/links";
import type { Direction } from "@/lib/connectors/types";

export const DIRECTION_LABELS: Record<Direction, string> = {
  source: "Source: data pulled from here",
  destination: "Destination: data pushed here",
  both: "Source and destination",
};
const SHORT: Record<Direction, string> = {
  source: "Source",
  destination: "Destination",
  both: "Source and destination",
};

export function DirectionTag({ direction }: { direction: Direction }) {
  return (
    <span
      title={DIRECTION_LABELS[direction]}
      className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700"
    >
      {SHORT[direction]}
    </span>
  );
}

export function ServicesList({
  services,
}: {
  services: { id: string; name: string; active: boolean; direction: Direction }[];
}) {
  if (services.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No service uses this connector yet. Services that pull from it or push to it will appear here.
      </p>
    );
  return (
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
  );
}
