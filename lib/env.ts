import { z } from "zod";
import { databaseEnvShape, resolveDataDirs, withoutEmptyValues } from "@/db/config";
import { loadDevSecrets } from "./dev-secrets";

/**
 * The reader of process.env (the database's own variables are declared in db/config.ts, which reads them again when
 * the database opens). Parsed once; a missing production secret stops the server naming the variable.
 */
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  ...databaseEnvShape,
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  CONNECTOR_SECRETS_KEY: key32.optional(),
  CONNECTOR_SECRETS_OLD_KEYS: z.string().optional(),
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  HEALTHCHECK_INTERVAL: int(300, 30, 86_400),
  HEALTHCHECK_CONCURRENCY: int(50, 1, 1000),
  HEALTHCHECK_PER_HOST: int(4, 1, 100),
  HEALTHCHECK_FAILURE_THRESHOLD: int(2, 1, 10),
  HEALTHCHECK_TIME_BUDGET: int(50, 5, 900),
  HEALTHCHECK_TIMEOUT: int(10, 1, 60),
  HEALTHCHECK_CRON: z.string().optional(),
  HEALTHCHECK_ALLOW_PRIVATE_NETWORKS: bool,
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  TRUSTED_PROXY_HOPS: int(0, 0, 10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  VERCEL: z.string().optional(),
  NEXT_PHASE: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; CONNECTOR_SECRETS_KEY: string; PGLITE_DIR: string };

const REQUIRED_IN_PRODUCTION = ["AUTH_SECRET", "CONNECTOR_SECRETS_KEY"] as const;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty assignment (`AUTH_SECRET=` copied from .env.example) means "not set".
  const parsed = schema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const { dataDir, pgliteDir } = resolveDataDirs(e);
  const building = e.NEXT_PHASE === "phase-production-build";
  if (e.NODE_ENV === "production" && !building) {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => !e[k]);
    if (missing.length)
      throw new Error(
        `Missing required environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")} (see .env.example)`,
      );
  }
  // Development and the build get safe defaults; development keeps generated secrets in DATA_DIR so sessions and stored credentials survive restarts.
  const secrets = withSecrets(e.AUTH_SECRET, e.CONNECTOR_SECRETS_KEY, () =>
    building ? placeholderSecrets() : loadDevSecrets(dataDir),
  );
  return {
    ...e,
    DATA_DIR: dataDir,
    PGLITE_DIR: pgliteDir,
    AUTH_SECRET: secrets.authSecret,
    CONNECTOR_SECRETS_KEY: secrets.connectorSecretsKey,
  };
}

type Secrets = ReturnType<typeof loadDevSecrets>;

/** The configured secrets; when either is missing, `fallback()` (called once) supplies it. */
function withSecrets(
  authSecret: string | undefined,
  connectorSecretsKey: string | undefined,
  fallback: () => Secrets,
): Secrets {
  if (authSecret && connectorSecretsKey) return { authSecret, connectorSecretsKey };
  const dev = fallback();
  return {
    authSecret: authSecret ?? dev.authSecret,
    connectorSecretsKey: connectorSecretsKey ?? dev.connectorSecretsKey,
  };
}

function placeholderSecrets() {
  return {
    authSecret: "build-time-placeholder-never-used-at-run-time",
    connectorSecretsKey: Buffer.alloc(32).toString("base64"),
  };
}

export const env: Env = parseEnv();

// next-auth v4 reads NEXTAUTH_URL itself for its callback and sign-out addresses. APP_URL is the one public address:
// a different NEXTAUTH_URL would send users to another origin than every other link and redirect, so it is overridden.
process.env.NEXTAUTH_URL = env.APP_URL;
