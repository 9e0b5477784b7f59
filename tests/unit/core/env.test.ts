import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/env";

const key = Buffer.alloc(32, 1).toString("base64");

describe("environment", () => {
  it("stops production start-up naming each missing secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      "Missing required environment variables: AUTH_SECRET, CONNECTOR_SECRETS_KEY",
    );
    expect(() => parseEnv({ NODE_ENV: "production", CONNECTOR_SECRETS_KEY: key })).toThrow(/variable: AUTH_SECRET/);
  });

  it("names the variable that is malformed", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), CONNECTOR_SECRETS_KEY: "too-short" }),
    ).toThrow(/CONNECTOR_SECRETS_KEY: must be 32 bytes/);
    expect(() => parseEnv({ HEALTHCHECK_CONCURRENCY: "zero" })).toThrow(/HEALTHCHECK_CONCURRENCY/);
  });

  it("accepts a complete production environment and applies defaults", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), CONNECTOR_SECRETS_KEY: key });
    expect(env).toMatchObject({
      HEALTHCHECK_INTERVAL: 300,
      HEALTHCHECK_CONCURRENCY: 50,
      HEALTHCHECK_FAILURE_THRESHOLD: 2,
      SEED_DEMO: "auto",
    });
    expect(env.PGLITE_DIR.endsWith(path.join(".data", "pglite"))).toBe(true);
  });

  it("in development generates secrets once into the data dir and reuses them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-env-"));
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const first = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const second = parseEnv({ NODE_ENV: "development", DATA_DIR: dir });
    expect(first.AUTH_SECRET).toHaveLength(43);
    expect(Buffer.from(first.CONNECTOR_SECRETS_KEY, "base64")).toHaveLength(32);
    expect(second.CONNECTOR_SECRETS_KEY).toBe(first.CONNECTOR_SECRETS_KEY);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(fs.statSync(path.join(dir, "dev-secrets.json")).mode & 0o077).toBe(0);
    warn.mockRestore();
  });
});

describe("environment file conventions", () => {
  it("treats an empty assignment as unset", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "", CONNECTOR_SECRETS_KEY: key })).toThrow(
      /variable: AUTH_SECRET \(/,
    );
  });
});
