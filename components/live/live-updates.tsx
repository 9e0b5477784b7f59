import { pageLiveVersion } from "@/lib/live/version";
import { LiveRefresh } from "./live-refresh";

/**
 * Keeps the page it sits on current without a reload: the version this render saw, handed to the polling client
 * component. Mounted by the connector list (no connector: the organisation's statuses) and a connector's summary,
 * which passes the version of the connector row it renders from (no second read).
 */
export async function LiveUpdates({ connectorId, version }: { connectorId?: string; version?: string }) {
  return <LiveRefresh connectorId={connectorId} version={version ?? (await pageLiveVersion({ connectorId }))} />;
}
