import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's links: Next.js's client-side navigation without prefetching. Every page is rendered per request and has
 * no loading boundary, so a prefetch brings back nothing the navigation can use (~0.4 KB) while the server still runs
 * the route's proxy, session and layouts for it: ~7 ms of CPU each, for every link that scrolls into view or is
 * hovered. The connector list's 60 tiles link to a summary and a settings page each, so one view of the list cost
 * about 120 such requests, 40 to 50 times the CPU of the list page itself (measured with `next start`, 2026-12-06).
 */
export function Link(props: Omit<ComponentProps<typeof NextLink>, "prefetch">) {
  return <NextLink {...props} prefetch={false} />;
}
