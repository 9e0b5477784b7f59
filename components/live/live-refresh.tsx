"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef, useState } from "react";
import { agoText, nextDelay, POLL_MS, type LiveMode } from "./live-policy";

/**
 * A light refresh loop rather than server-sent events: every 10 s the tab asks GET /api/live for a tiny version (one
 * indexed read after the session check) and re-renders the page (router.refresh(), no reload: scroll, focus and form
 * state stay) only when it changed. SSE would hold one connection per open tab, which serverless hosting (Vercel)
 * cuts after its function limit and which the embedded database gains nothing from; a poll works everywhere and 20
 * tabs cost 120 small requests a minute. Paused while the tab is hidden, checked at once when it is shown again;
 * backs off and says so while the server or its database cannot be reached.
 */
export function LiveRefresh({ connectorId, version }: { connectorId?: string; version: string }) {
  const router = useRouter();
  const known = useRef(version);
  // Client clock only (the server's may differ); null until mounted, so the first render matches the server's.
  const [confirmedAt, setConfirmedAt] = useState<number | null>(null);
  const [now, setNow] = useState<number | null>(null);
  const [mode, setMode] = useState<LiveMode>("live");

  // A new render of the page (after router.refresh() or a navigation) carries the version it was built from.
  useEffect(() => {
    known.current = version;
    const stamp = setTimeout(() => {
      const t = Date.now();
      setConfirmedAt(t);
      setNow(t);
    }, 0);
    return () => clearTimeout(stamp);
  }, [version]);

  useEffect(() => {
    const url = `/api/live${connectorId ? `?connector=${encodeURIComponent(connectorId)}` : ""}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    let delay = POLL_MS;
    let stopped = false;

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && !document.hidden) timer = setTimeout(() => void check(), delay);
    };
    async function check() {
      if (stopped || document.hidden) return;
      inFlight?.abort();
      const request = new AbortController();
      inFlight = request;
      let ok = false;
      try {
        const res = await fetch(url, {
          cache: "no-store",
          signal: request.signal,
          headers: { accept: "application/json" },
        });
        if (res.status === 401) {
          stopped = true;
          setMode("signed-out");
          return;
        }
        if (res.status === 404) {
          // The connector was deleted: the page itself says so.
          stopped = true;
          startTransition(() => router.refresh());
          return;
        }
        if (res.ok) {
          const body = (await res.json()) as { version?: unknown };
          ok = typeof body.version === "string";
          if (ok && body.version !== known.current) {
            known.current = body.version as string;
            startTransition(() => router.refresh());
          } else if (ok) setConfirmedAt(Date.now());
        }
      } catch {
        if (request.signal.aborted) return; // hidden, unmounted or superseded: not a failure
      }
      delay = nextDelay(delay, ok);
      setMode(ok ? "live" : "paused");
      schedule();
    }
    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        inFlight?.abort();
      } else void check();
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      inFlight?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [connectorId, router]);

  // The "updated" text moves on every 5 s: often enough to read as live, not so often that it distracts.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(tick);
  }, []);

  const age = confirmedAt !== null && now !== null ? now - confirmedAt : 0;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" data-testid="live-updates">
      <span className="inline-flex items-center gap-1.5">
        <span
          aria-hidden
          className={`inline-block h-2 w-2 rounded-full ${mode === "live" ? "bg-emerald-600" : "bg-amber-500"}`}
        />
        {/* Read on demand, never announced: a line that changes every few seconds would interrupt a screen reader. */}
        <span data-testid="live-age">Updated {agoText(age)}</span>
      </span>
      {/* Announced once per change of state. */}
      <span role="status" className={mode === "live" ? "sr-only" : "font-medium text-amber-800"}>
        {mode === "paused"
          ? "Live updates paused: Patchbay cannot be reached. Retrying…"
          : mode === "signed-out"
            ? "Live updates stopped: sign in again to see the latest status."
            : ""}
      </span>
    </div>
  );
}
