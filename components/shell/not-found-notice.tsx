"use client";

import { Link } from "@/components/ui/link";

/**
 * What the 404 pages say: what was not found, and the ways back. A client component only for weight: Next.js sends
 * each layout's 404 with every page of that layout, and a client component's props are far smaller than its markup.
 */
export function NotFoundNotice({
  title,
  message,
  links,
}: {
  title: string;
  message: string;
  links: { href: string; label: string }[];
}) {
  return (
    <div className="mx-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
      <p className="text-sm font-medium text-slate-600">Error 404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <ul className="mt-6 flex flex-wrap justify-center gap-3">
        {links.map((l, i) => (
          <li key={l.href}>
            <Link
              href={l.href}
              className={
                i === 0
                  ? "inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
                  : "inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
              }
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
