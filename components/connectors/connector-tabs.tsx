"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";

export function ConnectorTabs({ id, showSettings }: { id: string; showSettings: boolean }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/connectors/${id}`, label: "Summary" },
    ...(showSettings ? [{ href: `/connectors/${id}/settings`, label: "Settings" }] : []),
  ];
  return (
    <nav aria-label="Connector" className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${active ? "border-brand-700 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
