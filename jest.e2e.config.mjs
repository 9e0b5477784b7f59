import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** Browser tests: headless Chromium against the production build that scripts/run-tests.mjs starts (E2E_BASE_URL). */
export default createJestConfig({
  displayName: "e2e",
  testEnvironment: "node",
  testMatch: ["<rootDir>/tests/e2e/**/*.e2e.ts"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
  testTimeout: 60000,
  maxWorkers: 1,
});
