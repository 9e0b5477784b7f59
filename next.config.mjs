/**
 * Browser-hardening headers on every answer: pages, API routes, static files, redirects. A page's
 * Content-Security-Policy carries a nonce new for each request, so proxy.ts sets it; API routes (never meant to render)
 * get a fixed policy that allows nothing. HSTS only in production: development runs on plain http.
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // Nothing about the app's addresses (connector ids, report filters) goes to another site.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from node_modules at run time. Bundled, a webpack build fails at start and
  // Turbopack copies those files (about 45 MB) into the public static assets.
  serverExternalPackages: ["@electric-sql/pglite", "ssh2", "prom-client"],
  // Migrations are read from disk at start-up; ship them with standalone output too.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
