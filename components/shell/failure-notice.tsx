"use client";

import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";

/**
 * What the error pages show. The browser only ever gets a digest, never the error's text: an unreachable database has
 * its own (db/errors DatabaseUnavailableError), anything else a plain apology. "Try again" reloads the page from the
 * server (the failure happened there; re-rendering in the browser alone would show the same error).
 */
export function FailureNotice({ error }: { error: Error & { digest?: string } }) {
  const database = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div
        role="alert"
        className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm"
      >
        <p className="text-lg font-semibold text-slate-900">
          {database ? "Patchbay is waiting for its database" : "This page could not be shown"}
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {database ? DATABASE_UNAVAILABLE_MESSAGE : "Something went wrong on our side. Please try again."}
        </p>
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Try again
        </button>
      </div>
    </main>
  );
}
