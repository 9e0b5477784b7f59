/** A connector's own check interval is 1 to 60 minutes; without one, HEALTHCHECK_INTERVAL applies. */
export const CHECK_INTERVAL_MINUTES = { min: 1, max: 60 } as const;

/**
 * The interval the next check is scheduled from (before back-off and jitter, see flap.ts): the connector's own, else
 * the configured default. The sweep and "Check now" both record through record.ts, which applies it.
 */
export function checkIntervalMs(connector: { checkIntervalMinutes: number | null }, defaultMs: number): number {
  return connector.checkIntervalMinutes ? connector.checkIntervalMinutes * 60_000 : defaultMs;
}
