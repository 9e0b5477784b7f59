import Link from "next/link";

export const metadata = { title: "Page not found" };

/** Our own 404: Next.js's default one is styled with inline style attributes, which the Content-Security-Policy refuses. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm text-center">
        <p className="text-2xl font-bold tracking-tight text-brand-900">Patchbay</p>
        <h1 className="mt-6 text-lg font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          This address does not lead to a page, or the page is not available to you.
        </p>
        <Link href="/connectors" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to the connectors
        </Link>
      </div>
    </main>
  );
}
