import { pageLiveVersion } from "@/lib/live/version";
import { LiveRefresh } from "./live-refresh";

/**
 * Keeps the page it sits on current without a reload: the version this render saw, handed to the polling client
 * component. Mounted by the connector list (no connector: the organisation's statuses) and a connector's summary.
 */
export async function LiveUpdates({ connectorId }: { connectorId?: string }) {
  const version = await pageLiveVersion({ connectorId });
  return <LiveRefresh connectorId={connectorId} version={version} />;
}
