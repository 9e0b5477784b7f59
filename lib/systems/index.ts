import { bigcommerce } from "./bigcommerce";
import { businessCentral } from "./business-central";
import { commercetools } from "./commercetools";
import { brightpearl } from "./brightpearl";
import { lightspeedX } from "./lightspeed-x";
import { magento2 } from "./magento2";
import { mirakl } from "./mirakl";
import { peoplevox } from "./peoplevox";
import { sandbox } from "./sandbox";
import { sftp } from "./sftp";
import { shopify } from "./shopify";
import { netsuite } from "./netsuite";
import { linnworks } from "./linnworks";
import type { AuthTypeDef, SystemDef } from "./types";
import { veeqo } from "./veeqo";
import { vend } from "./vend";
import { woocommerce } from "./woocommerce";

/** The catalogue. Adding a system: write lib/systems/<id>.ts, then add one line here. */
const SYSTEMS: readonly SystemDef[] = [
  shopify,
  bigcommerce,
  magento2,
  woocommerce,
  veeqo,
  brightpearl,
  mirakl,
  vend,
  lightspeedX,
  peoplevox,
  sftp,
  sandbox,
  netsuite,
  businessCentral,
  commercetools,
  linnworks,
];

const byId = new Map<string, SystemDef>();
for (const system of SYSTEMS) {
  // Ids are a public contract (URLs, exports): a duplicate is a bug worth failing loudly at start.
  if (byId.has(system.id)) throw new Error(`Duplicate system id "${system.id}"`);
  byId.set(system.id, system);
}

export function listSystems(): readonly SystemDef[] {
  return SYSTEMS;
}

export function getSystem(id: string): SystemDef | undefined {
  return byId.get(id);
}

export function getAuthType(system: SystemDef, authTypeId: string): AuthTypeDef | undefined {
  return system.authTypes.find((a) => a.id === authTypeId);
}

export type { AuthTypeDef, CredentialField, Probe, ProbeContext, ProbeOutcome, SystemDef } from "./types";
export { credentialsSchema, parseCredentials } from "./schema";
