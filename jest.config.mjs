import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

const shared = {
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/.next/", "<rootDir>/.data/"],
};

/** Two projects: server code in Node (database, engine, jobs), components in jsdom. Browser tests run separately (scripts/run-tests.mjs). */
export default async function config() {
  const server = await createJestConfig({
    ...shared,
    displayName: "server",
    testEnvironment: "node",
    testMatch: ["<rootDir>/tests/{unit,integration}/**/*.test.ts"],
    globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
    globalTeardown: "<rootDir>/tests/helpers/global-teardown.ts",
    setupFiles: ["<rootDir>/tests/helpers/env-setup.ts"],
  })();
  const components = await createJestConfig({
    ...shared,
    displayName: "components",
    testEnvironment: "jsdom",
    testMatch: ["<rootDir>/tests/components/**/*.test.tsx"],
    setupFilesAfterEnv: ["<rootDir>/tests/helpers/jest-dom.ts"],
  })();
  // One worker per core, not Jest's default of one fewer: the tests spend half their time waiting on the database and
  // on local servers, so with one worker on two cores the Postgres pass took 7m13s, with two 3m58s. Each test file has
  // its own database (tests/helpers/test-database.ts), so files running side by side never share data.
  return { projects: [server, components], testTimeout: 30000, maxWorkers: "100%" };
}
