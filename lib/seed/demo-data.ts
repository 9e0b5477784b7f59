import type { ConnectorStatus, Environment, Role, SandboxMode } from "@/db/schema";
import type { ReasonCode } from "@/lib/health/contract";

/** The demo organisation: fixed data so screenshots, docs and tests can name things. Secrets are fake but distinctive. */
export const DEMO_ORG = "Demo Retail Ltd";
export const DEMO_PASSWORD = "patchbay-demo";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.patchbay.test", name: "Ada Administrator", role: "administrator" },
  { email: "manager@demo.patchbay.test", name: "Max Manager", role: "manager" },
  { email: "user@demo.patchbay.test", name: "Uma User", role: "user" },
  { email: "readonly@demo.patchbay.test", name: "Rory Read-only", role: "read_only" },
];

export type DemoConnector = {
  key: string;
  name: string;
  systemId: string;
  authType: string;
  environment: Environment;
  group: (typeof DEMO_GROUPS)[number];
  timeZone?: string;
  credentials: Record<string, string>;
  /** Sandbox connectors only: how the pretend vendor behaves (each of the three statuses is shown by one). */
  sandboxMode?: SandboxMode;
  /**
   * Sandbox connectors only: what their checks found over the last 30 days, oldest first, each period from `hoursAgo`
   * until the next. The last period must be what the sandbox mode makes the checks find now: the first sweep at
   * start-up checks every demo connector at once and confirms it (lib/startup/first-sweep.ts).
   */
  history?: DemoPeriod[];
};

export type DemoPeriod = {
  hoursAgo: number;
  status: Exclude<ConnectorStatus, "unknown">;
  reason: ReasonCode;
  httpStatus: number | null;
};

export const DEMO_GROUPS = ["Default", "Outlet", "Wholesale"] as const;

const HEALTHY: DemoPeriod = { hoursAgo: 720, status: "operational", reason: "ok", httpStatus: 200 };

export const DEMO_CONNECTORS: DemoConnector[] = [
  {
    key: "shopify",
    name: "Shopify UK",
    systemId: "shopify",
    authType: "token",
    environment: "live",
    group: "Default",
    credentials: { store: "demo-retail-uk", accessToken: "shpat_demo0live4f1c9a7e2b8d6c3e5f0a1b2c" },
  },
  {
    key: "shopifyTest",
    name: "Shopify UK staging",
    systemId: "shopify",
    authType: "token",
    environment: "test",
    group: "Default",
    credentials: { store: "demo-retail-uk-staging", accessToken: "shpat_demo0test9e8d7c6b5a4f3e2d1c0b9a8" },
  },
  {
    key: "netsuite",
    name: "NetSuite",
    systemId: "netsuite",
    authType: "tba",
    environment: "live",
    group: "Default",
    credentials: {
      accountId: "1234567",
      consumerKey: "ns-demo-consumer-key-5d2e8f1a9b7c",
      consumerSecret: "ns-demo-consumer-secret-0c4b7e2a",
      tokenId: "ns-demo-token-id-7f3a9c1e5b2d",
      tokenSecret: "ns-demo-token-secret-8e1d4c7b",
      scriptId: "customscript_patchbay",
      deployId: "customdeploy1",
    },
  },
  {
    key: "netsuiteTest",
    name: "NetSuite sandbox",
    systemId: "netsuite",
    authType: "tba",
    environment: "test",
    group: "Default",
    credentials: {
      accountId: "1234567_SB1",
      consumerKey: "ns-demo-sb-consumer-key-2b9e4f",
      consumerSecret: "ns-demo-sb-consumer-secret-6a1c",
      tokenId: "ns-demo-sb-token-id-3d8f0a",
      tokenSecret: "ns-demo-sb-token-secret-9c2e",
      scriptId: "customscript_patchbay",
      deployId: "customdeploy1",
    },
  },
  {
    key: "peoplevox",
    name: "Peoplevox WMS",
    systemId: "peoplevox",
    authType: "password",
    environment: "live",
    group: "Default",
    credentials: {
      environment: "wms.peoplevox.net",
      clientId: "demoretail",
      username: "patchbay.integration",
      password: "pvx-demo-password-41c7e9",
    },
  },
  {
    key: "magento",
    name: "Magento EU",
    systemId: "magento2",
    authType: "token",
    environment: "live",
    group: "Default",
    timeZone: "Europe/Amsterdam",
    credentials: { baseUrl: "https://eu.demo-retail.example", accessToken: "mg2-demo-token-e3b0c44298fc1c149afb" },
  },
  {
    key: "sftp",
    name: "Warehouse SFTP",
    systemId: "sftp",
    authType: "password",
    environment: "live",
    group: "Default",
    credentials: {
      host: "sftp.demo-retail.example",
      port: "22",
      username: "patchbay",
      password: "sftp-demo-password-7a2f5c",
      root: "/outbound",
    },
  },
  {
    key: "veeqo",
    name: "Veeqo",
    systemId: "veeqo",
    authType: "api-key",
    environment: "live",
    group: "Default",
    credentials: { apiKey: "Vqt/demo0a9f8e7d6c5b4a3f2e1d0c9b" },
  },
  {
    key: "sandbox",
    name: "Sandbox store",
    systemId: "sandbox",
    authType: "api-key",
    environment: "live",
    group: "Default",
    credentials: { apiKey: "sbx_demo_live_3f9a1c7e5b2d8f4a" },
    sandboxMode: "healthy",
    // An incident yesterday: down for an hour (its service's syncs failed meanwhile: sync-history.ts).
    history: [
      HEALTHY,
      { hoursAgo: 26, status: "unreachable", reason: "http_5xx", httpStatus: 503 },
      { hoursAgo: 25, status: "operational", reason: "ok", httpStatus: 200 },
    ],
  },
  {
    key: "sandboxTest",
    name: "Sandbox store (testing)",
    systemId: "sandbox",
    authType: "api-key",
    environment: "test",
    group: "Default",
    credentials: { apiKey: "sbx_demo_test_8c2e6a0f4b9d1e7c" },
    sandboxMode: "rejecting",
    history: [HEALTHY, { hoursAgo: 20, status: "auth_failed", reason: "invalid_credentials", httpStatus: 401 }],
  },
  {
    key: "sandboxOutlet",
    name: "Outlet sandbox",
    systemId: "sandbox",
    authType: "api-key",
    environment: "live",
    group: "Outlet",
    timeZone: "America/New_York",
    credentials: { apiKey: "sbx_demo_outlet_5e1b9d3f7a2c6e0b" },
    sandboxMode: "healthy",
    history: [HEALTHY],
  },
  {
    key: "sandboxWholesale",
    name: "Wholesale sandbox",
    systemId: "sandbox",
    authType: "api-key",
    environment: "live",
    group: "Wholesale",
    credentials: { apiKey: "sbx_demo_whl_9d4f2b7e1c6a" },
    sandboxMode: "down",
    history: [HEALTHY, { hoursAgo: 3, status: "unreachable", reason: "http_5xx", httpStatus: 503 }],
  },
];

export type DemoService = {
  name: string;
  from: string;
  to: string;
  active?: boolean;
  everyMinutes: number;
  avgItems: number;
};

export const DEMO_SERVICES: DemoService[] = [
  { name: "Shopify UK orders to NetSuite", from: "shopify", to: "netsuite", everyMinutes: 15, avgItems: 40 },
  { name: "NetSuite stock to Shopify UK", from: "netsuite", to: "shopify", everyMinutes: 60, avgItems: 300 },
  { name: "NetSuite orders to Peoplevox", from: "netsuite", to: "peoplevox", everyMinutes: 30, avgItems: 35 },
  { name: "Peoplevox despatches to NetSuite", from: "peoplevox", to: "netsuite", everyMinutes: 30, avgItems: 30 },
  { name: "Magento EU orders to NetSuite", from: "magento", to: "netsuite", everyMinutes: 30, avgItems: 12 },
  { name: "NetSuite products to Warehouse SFTP", from: "netsuite", to: "sftp", everyMinutes: 240, avgItems: 800 },
  { name: "Veeqo stock to Magento EU", from: "veeqo", to: "magento", everyMinutes: 120, avgItems: 150, active: false },
  { name: "Sandbox orders to NetSuite", from: "sandbox", to: "netsuite", everyMinutes: 60, avgItems: 5 },
  { name: "Wholesale orders to NetSuite", from: "sandboxWholesale", to: "netsuite", everyMinutes: 30, avgItems: 8 },
  {
    name: "Staging orders to NetSuite sandbox",
    from: "shopifyTest",
    to: "netsuiteTest",
    everyMinutes: 120,
    avgItems: 3,
  },
];
