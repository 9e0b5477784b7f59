import { defineConfig } from "drizzle-kit";

// Generation is offline; `npm run db:migrate` uses scripts/db-migrate.ts (same migrator as the server) rather than drizzle-kit migrate.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
