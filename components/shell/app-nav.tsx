"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/connectors", label: "Connectors" },
  { href: "/services", label: "Services" },
  { href: "/sync-reports", label: "Sync reports" },
  { href: "/incidents", label: "Incidents" },
  { href: "/settings", label: "Settings" },
];

export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-700 text-white" : "text-slate-200 hover:bg-white/10"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
