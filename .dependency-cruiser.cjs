// Import boundaries (`npm run boundaries`). The layers point one way: app -> components -> lib -> db, and only db/
// talks to the database library. Folder cycles (lib/a -> lib/b -> lib/a through different modules) are found by
// scripts/check-folder-cycles.mjs from this cruise's JSON output: dependency-cruiser's own cycle rule is per module.
// Type-only imports count: a layer that needs another's types takes them from below, never from above.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other, directly or through others, load in an order nobody chose.",
      from: { path: "^(app|components|lib|db)/" },
      to: { circular: true },
    },
    {
      name: "only-db-imports-drizzle",
      severity: "error",
      comment: "All Drizzle and SQL lives in db/queries/<domain>.ts; tests and drizzle.config.ts may use it too.",
      from: { pathNot: "^(db|tests)/|^drizzle\\.config\\.ts$" },
      // Unanchored: with node_modules linked from elsewhere the resolved path does not start with it.
      to: { path: "(^|/)node_modules/drizzle-orm/" },
    },
    {
      name: "db-imports-only-db",
      severity: "error",
      comment: "db/ is the bottom layer: the types it needs are declared in db/ and the layers above import them.",
      from: { path: "^db/" },
      to: { path: "^(lib|components|app)/" },
    },
    {
      name: "lib-never-imports-components-or-app",
      severity: "error",
      comment: "lib/ holds the logic shared by routes, actions, jobs and tests; the UI sits on top of it.",
      from: { path: "^lib/" },
      to: { path: "^(components|app)/" },
    },
    {
      name: "components-never-import-db",
      severity: "error",
      comment: "Components reach data through lib/ (or props from the page), never through a database module.",
      from: { path: "^components/" },
      to: { path: "^db/" },
    },
    {
      name: "components-never-import-app",
      severity: "error",
      comment: "Pages and routes in app/ compose components, not the other way round.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|db/migrations|test-results|coverage|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    skipAnalysisNotInRules: true,
  },
};
