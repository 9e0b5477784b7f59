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
import { activeAnts } from "./active-ants";
import { lightspeedR } from "./lightspeed-r";
import { plytix } from "./plytix";
import { sapBusinessOne } from "./sap-business-one";
import { sparklayer } from "./sparklayer";
import { tiktokShop } from "./tiktok-shop";
import { zigzag } from "./zigzag";
import { bleckmannSftp } from "./bleckmann-sftp";
import { emarsysFtp } from "./emarsys-ftp";
import { khaosControl } from "./khaos-control";
import { prima } from "./prima";
import { sekoFtp } from "./seko-ftp";
import { theEdge } from "./the-edge";
import { bleckmann } from "./bleckmann";
import { bleckmannReturns } from "./bleckmann-returns";
import { citrusLime } from "./citrus-lime";
import { cybertill } from "./cybertill";
import { dynamicsNav } from "./dynamics-nav";
import { eposnow } from "./eposnow";
import { globalE } from "./global-e";
import { inventoryPlanner } from "./inventory-planner";
import { navision } from "./navision";
import { odoo } from "./odoo";
import { ometria } from "./ometria";
import { rebound } from "./rebound";
import { seko } from "./seko";
import { sitoo } from "./sitoo";
import { torque } from "./torque";
import { visualsoft } from "./visualsoft";
import { voyado } from "./voyado";
import { inboundApi } from "./inbound-api";
import type { AuthTypeDef, SystemDef } from "@/lib/health/contract";
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
  inboundApi,
  netsuite,
  businessCentral,
  commercetools,
  linnworks,
  lightspeedR,
  tiktokShop,
  activeAnts,
  sparklayer,
  zigzag,
  plytix,
  sapBusinessOne,
  bleckmannSftp,
  theEdge,
  emarsysFtp,
  sekoFtp,
  prima,
  khaosControl,
  bleckmann,
  bleckmannReturns,
  citrusLime,
  cybertill,
  dynamicsNav,
  navision,
  eposnow,
  globalE,
  inventoryPlanner,
  odoo,
  ometria,
  rebound,
  seko,
  sitoo,
  torque,
  visualsoft,
  voyado,
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

export type { AuthTypeDef, CredentialField, Probe, ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";
export { credentialsSchema, parseCredentials } from "./schema";
