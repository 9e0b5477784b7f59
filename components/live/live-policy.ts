/** The refresh loop's timing and wording (components/live/live-refresh.tsx), as pure functions. */

/** Between two checks of an open page's version while all is well. */
export const POLL_MS = 10_000;
/** Longest wait between two checks while the server or its database cannot be reached. */
export const MAX_BACKOFF_MS = 120_000;

export type LiveMode = "live" | "paused" | "signed-out";

/** After an answer: back to the normal interval; after a failure: double the wait, up to two minutes. */
export function nextDelay(current: number, ok: boolean): number {
  return ok ? POLL_MS : Math.min(Math.max(current, POLL_MS) * 2, MAX_BACKOFF_MS);
}

/** "just now", "15 s ago", "2 min ago": seconds in steps of 5, so the text changes at most every 5 s. */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return "just now";
  if (s < 60) return `${s - (s % 5)} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  return `${Math.floor(min / 60)} h ago`;
}
