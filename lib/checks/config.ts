import type { Dispatcher } from "undici";
import { env } from "@/lib/env";
import type { SharedAgents } from "@/lib/health/guarded-agent";
import type { SystemDef } from "@/lib/health/contract";
import { getSystem } from "@/lib/systems";

/** Everything a check and its recording depend on, from the environment unless a caller (test, bench) overrides it. */
export interface CheckConfig {
  timeoutMs: number;
  intervalMs: number;
  threshold: number;
  allowPrivateNetworks: boolean;
  appOrigin: string;
  resolveSystem: (id: string) => SystemDef | undefined;
  /** Tests route vendor traffic to emulators with it. */
  dispatcher?: Dispatcher;
  /** A sweep's connection pools, shared by its checks. */
  sharedAgents?: SharedAgents;
}

/** The check configuration: HEALTHCHECK_* settings and the catalogue of systems, with the caller's overrides. */
export function readCheckConfig(overrides: Partial<CheckConfig> = {}): CheckConfig {
  return {
    timeoutMs: env.HEALTHCHECK_TIMEOUT * 1000,
    intervalMs: env.HEALTHCHECK_INTERVAL * 1000,
    threshold: env.HEALTHCHECK_FAILURE_THRESHOLD,
    allowPrivateNetworks: env.HEALTHCHECK_ALLOW_PRIVATE_NETWORKS,
    appOrigin: new URL(env.APP_URL).origin,
    resolveSystem: getSystem,
    ...overrides,
  };
}
