"use client";

import { useEffect, useState } from "react";

/**
 * "Next check" is never a time in the past: once it has passed, the connector is due and the next sweep checks it,
 * so the page says so (and shows the new time when the check is recorded and the page refreshes).
 */
export function NextCheck({ at, label, dueAtRender }: { at: string; label: string; dueAtRender: boolean }) {
  // The time it became due, if it has; a new time (the page refreshed after a check) is not due until it passes.
  const [dueFor, setDueFor] = useState<string | null>(dueAtRender ? at : null);
  useEffect(() => {
    const wait = Math.max(0, new Date(at).getTime() - Date.now());
    // setTimeout's limit is ~24.8 days; a next check is at most an hour or so away.
    const timer = setTimeout(() => setDueFor(at), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [at]);
  return <span data-testid="next-check">{dueFor === at ? "Due now: the next sweep checks it" : label}</span>;
}
