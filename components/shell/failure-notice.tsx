"use client";

import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";

/**
 * What the error pages show. The browser only ever gets a digest, never the error's text: an unreachable database has
 * its own (db/errors DatabaseUnavailableError), anything else a plain apology. "Try again" reloads the page from the
 * server (the failure happened there; re-rendering in the browser alone would show the same error); the link leaves
 * for the connectors with a full page load, so nothing of the failed page stays. `inApp`: shown inside the signed-in
 * frame (its navigation stays), rather than as a page of its own.
 */
export function FailureNotice({ error, inApp = false }: { error: Error & { digest?: string }; inApp?: boolean }) {
  const database = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  const Frame = inApp ? "div" : "main";
  return (
    <Frame className={inApp ? "py-8" : "flex min-h-screen items-center justify-center px-4 py-12"}>
      <div
        role="alert"
        className="mx-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm"
      >
        <h1 className="text-lg font-semibold text-slate-900">
          {database ? "Patchbay is waiting for its database" : "This page could not be shown"}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          {database ? DATABASE_UNAVAILABLE_MESSAGE : "Something went wrong on our side. Please try again."}
        </p>
        <div className="mt-4 flex flex-wrap justify-center gap-3">
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
          >
            Try again
          </button>
          {/* A plain link on purpose: a full page load, not the client router of the page that failed. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a
            href="/connectors"
            className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Go to the connectors
          </a>
        </div>
      </div>
    </Frame>
  );
}
