/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from node_modules at run time; bundling it breaks that (stack-notes #4).
  serverExternalPackages: ["@electric-sql/pglite", "ssh2"],
  // Migrations are read from disk at start-up; ship them with standalone output too.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  poweredByHeader: false,
};

export default nextConfig;
