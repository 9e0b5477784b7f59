import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { credentialsSchema, getAuthType, getSystem, listSystems } from "@/lib/systems";
import { MAX_FIELD_LENGTH, parseCredentials } from "@/lib/systems/schema";
import type { AuthTypeDef } from "@/lib/health/contract";

// Ids, auth types and field keys are stored data (docs/systems.md): these must never change. New systems need no row.
const CONTRACT: Record<string, Record<string, string[]>> = {
  shopify: { token: ["store", "accessToken*"], legacy: ["store", "apiKey*", "password*", "sharedSecret*"] },
  bigcommerce: { token: ["storeHash", "clientId", "clientSecret*", "accessToken*"] },
  magento2: { token: ["baseUrl", "accessToken*"] },
  woocommerce: { keys: ["siteUrl", "consumerKey*", "consumerSecret*"] },
  veeqo: { "api-key": ["apiKey*"] },
  brightpearl: { "private-app": ["datacenter", "accountCode", "appRef", "accountToken*"] },
  mirakl: { "api-key": ["instance", "apiKey*"] },
  vend: { token: ["domainPrefix", "accessToken*"] },
  "lightspeed-x": { token: ["domainPrefix", "accessToken*"] },
  peoplevox: { password: ["environment", "clientId", "username", "password*"] },
  sftp: {
    password: ["host", "port", "username", "password*", "root"],
    "ssh-key": ["host", "port", "username", "privateKey*", "passphrase*", "hostFingerprint"],
  },
  netsuite: {
    tba: ["accountId", "consumerKey*", "consumerSecret*", "tokenId*", "tokenSecret*", "scriptId", "deployId"],
  },
  "business-central": { "client-credentials": ["tenantId", "environment", "clientId", "clientSecret*"] },
  commercetools: { "client-credentials": ["projectKey", "clientId", "clientSecret*", "scope", "apiUrl", "authUrl"] },
  linnworks: { application: ["applicationId", "applicationSecret*", "token*"] },
  "lightspeed-r": { oauth2: ["clientId", "clientSecret*", "refreshToken*", "accountId"] },
  "tiktok-shop": { oauth2: ["appKey", "appSecret*", "accessToken*", "refreshToken*"] },
  "active-ants": { password: ["environment", "username", "password*"] },
  sparklayer: { "client-credentials": ["environment", "siteId", "clientId", "clientSecret*"] },
  zigzag: { password: ["url", "username", "password*"] },
  plytix: { "api-key": ["apiKey", "apiPassword*"] },
  // tlsVerify: the contract's "make verification configurable per connector", as an optional select (default verify).
  "sap-business-one": { password: ["serviceLayerUrl", "companyDb", "username", "password*", "tlsVerify"] },
  bleckmann: { "api-key": ["baseUrl", "apiKey*"] },
  "bleckmann-returns": { "api-key": ["baseUrl", "apiKey*"] },
  "citrus-lime": { "api-key": ["apiKey*"] },
  cybertill: { soap: ["ctNumber", "version", "authId*", "storeUrl"] },
  "dynamics-nav": { basic: ["baseUrl", "company", "username", "password*"] },
  navision: { basic: ["baseUrl", "company", "username", "password*"] },
  eposnow: { "api-key": ["apiKey", "apiSecret*"] },
  "global-e": { "merchant-guid": ["environment", "merchantGuid*"] },
  "inventory-planner": { "api-key": ["accountId", "apiKey*"] },
  odoo: { password: ["url", "database", "username", "password*"] },
  ometria: { "api-key": ["apiKey*"] },
  rebound: { "api-key": ["url", "login", "apiKey*"] },
  seko: { "api-key": ["url", "token*"] },
  sitoo: { basic: ["apiUrl", "accountId", "apiId", "password*"] },
  torque: { basic: ["url", "version", "username", "password*"] },
  visualsoft: { soap: ["storeUrl", "clientId", "username", "password*", "version"] },
  voyado: { "api-key": ["tenant", "apiKey*"] },
  "bleckmann-sftp": { password: ["host", "port", "username", "password*", "root"] },
  "the-edge": { password: ["host", "port", "username", "password*", "root"] },
  "emarsys-ftp": { password: ["host", "port", "username", "password*", "secure"] },
  "seko-ftp": { password: ["host", "port", "username", "password*", "secure"] },
  prima: { none: ["instanceUrl", "companyId"] },
  "khaos-control": { soap: ["url", "username", "password*"] },
};

describe("system registry", () => {
  it("holds exactly the files of lib/systems/catalog, each named for its system's id, with an up-to-date index", () => {
    const dir = path.join(process.cwd(), "lib/systems/catalog");
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.slice(0, -3))
      .sort();
    expect(
      listSystems()
        .map((s) => s.id)
        .sort(),
    ).toEqual(files);
    // Throws (exit 1) when lib/systems/catalog/index.ts is not what the generator would write.
    expect(() =>
      execFileSync(process.execPath, ["scripts/systems-catalog.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });

  it("is the only place that names a system to decide something: elsewhere, capabilities and hooks do", () => {
    const ids = listSystems()
      .map((s) => s.id.replace(/[-]/g, "\\-"))
      .join("|");
    const system = String.raw`\bsystem(Id|\.id)?\b`;
    const decides = new RegExp(
      String.raw`${system}\s*[!=]==?\s*"(${ids})"|"(${ids})"\s*[!=]==?\s*${system}|case\s+"(${ids})"\s*:`,
    );
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) return file === path.join("lib", "systems") ? [] : sources(file);
        return /\.tsx?$/.test(e.name) ? [file] : [];
      });
    const found = ["app", "components", "lib"]
      .flatMap(sources)
      .filter((file) => decides.test(fs.readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("declares the contract's ids, auth types, field keys and secret flags", () => {
    for (const [id, authTypes] of Object.entries(CONTRACT)) {
      const system = getSystem(id);
      expect(system?.id).toBe(id);
      for (const [authId, keys] of Object.entries(authTypes)) {
        const fields = getAuthType(system!, authId)?.fields ?? [];
        expect(fields.map((f) => `${f.key}${f.secret ? "*" : ""}`)).toEqual(keys);
      }
    }
  });

  it("gives every field a label and help text, and every system a probe", () => {
    for (const system of listSystems()) {
      expect(system.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof system.probe).toBe("function");
      for (const field of system.authTypes.flatMap((a) => a.fields)) {
        expect(field.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(field.label.length).toBeGreaterThan(1);
        expect(field.help.length).toBeGreaterThan(20);
      }
    }
    expect(getSystem("nope")).toBeUndefined();
  });
});

describe("credentialsSchema", () => {
  const authType: AuthTypeDef = {
    id: "t",
    label: "T",
    fields: [
      {
        key: "host",
        label: "Host",
        help: "h",
        secret: false,
        kind: "host",
        normalise: (v) => v.toLowerCase(),
        pattern: { regex: /^[a-z.]+$/g, message: "Letters and dots only." },
      },
      { key: "port", label: "Port", help: "p", secret: false, kind: "number", required: false, defaultValue: "22" },
      {
        key: "mode",
        label: "Mode",
        help: "m",
        secret: false,
        kind: "select",
        options: [
          { value: "live", label: "Live" },
          { value: "test", label: "Test" },
        ],
      },
      { key: "note", label: "Note", help: "n", secret: false, kind: "text", required: false },
      { key: "password", label: "Password", help: "pw", secret: true, kind: "password", trim: false },
    ],
  };
  const parse = (input: Record<string, unknown>) => parseCredentials(authType, input);

  it("trims, normalises, fills defaults and drops unknown keys", () => {
    expect(
      parse({ host: "  SFTP.Example.COM ", port: undefined, mode: "live", password: " pad ", extra: "x" }),
    ).toEqual({
      ok: true,
      data: { host: "sftp.example.com", port: "22", mode: "live", note: "", password: " pad " },
    });
    expect(parse({ host: "a.b", port: 2222, mode: "test", password: "x" })).toMatchObject({
      ok: true,
      data: { port: "2222" },
    });
  });

  it("reports every failing field with its own message", () => {
    const result = parse({ host: "bad host!", port: "22a", mode: "staging", password: "" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        host: ["Letters and dots only."],
        port: ["Port must be a whole number."],
        mode: ["Mode must be one of: Live, Test."],
        password: ["Password is required."],
      },
    });
    // A global-flag regex must not flip-flop between calls (lastIndex).
    expect(parse({ host: "a.b", mode: "live", password: "x" }).ok).toBe(true);
    expect(parse({ host: "a.b", mode: "live", password: "x" }).ok).toBe(true);
  });

  it("caps field length and rejects non-text", () => {
    expect(parse({ host: "a".repeat(MAX_FIELD_LENGTH + 1), mode: "live", password: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { host: [expect.stringContaining("too long")] },
    });
    expect(parse({ host: { evil: true }, mode: "live", password: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { host: [expect.any(String)] },
    });
  });

  it("is built from a registered system by id", () => {
    expect(() => credentialsSchema(getSystem("veeqo")!, "nope")).toThrow("Unknown auth type");
    expect(credentialsSchema(getSystem("veeqo")!, "api-key").safeParse({ apiKey: "" }).success).toBe(false);
  });
});
