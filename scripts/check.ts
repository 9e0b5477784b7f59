/**
 * `npm run check -- --system shopify --auth token --credentials creds.json [--allow-private] [--timeout 10] [--json]`
 * Runs one health check from the command line, for operators and support. No database: credentials come from the
 * JSON file (an object of field key -> value). Exit code 0 = operational, 2 = not, 1 = the check could not run.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { checkSystem, InvalidCredentialsError, UnknownSystemError } from "@/lib/checks/check-system";
import { getSystem, listSystems } from "@/lib/systems";

const USAGE =
  "usage: npm run check -- --system <id> --auth <auth type> --credentials <file.json> [--allow-private] [--timeout <seconds>] [--app-url <url>] [--json]";

async function main(): Promise<number> {
  const { values: a } = parseArgs({
    options: {
      system: { type: "string" },
      auth: { type: "string" },
      credentials: { type: "string" },
      "allow-private": { type: "boolean", default: false },
      timeout: { type: "string", default: "10" },
      // Only the sandbox system uses it: the app's own address, where its pretend vendor lives.
      "app-url": { type: "string", default: "http://localhost:3000" },
      json: { type: "boolean", default: false },
    },
  });
  if (!a.system || !a.auth || !a.credentials) {
    console.error(
      `${USAGE}\nsystems: ${listSystems()
        .map((s) => `${s.id} (${s.authTypes.map((t) => t.id).join(", ")})`)
        .join("; ")}`,
    );
    return 1;
  }
  const system = getSystem(a.system);
  if (!system) throw new UnknownSystemError(`Unknown system "${a.system}"`);
  const credentials = JSON.parse(fs.readFileSync(a.credentials, "utf8")) as Record<string, unknown>;
  const timeout = Number(a.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error("--timeout must be a number of seconds");
  const appOrigin = new URL(a["app-url"]).origin;
  const { rotatedCredentials, ...result } = await checkSystem(
    { system, authType: a.auth, credentials },
    { timeoutMs: timeout * 1000, allowPrivateNetworks: a["allow-private"], allowedOrigins: [appOrigin], appOrigin },
  );
  if (a.json)
    console.log(
      JSON.stringify(
        { ...result, rotatedCredentials: rotatedCredentials ? "(changed; not shown)" : undefined },
        null,
        2,
      ),
    );
  else {
    const label = { operational: "Operational", unreachable: "Unreachable", auth_failed: "Failed Authentication" }[
      result.status
    ];
    console.log(`${system.name} (${a.auth}): ${result.throttled ? "Throttled (HTTP 429): status unknown" : label}`);
    console.log(`  reason   ${result.reason}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ""}`);
    console.log(`  message  ${result.message}`);
    console.log(`  hint     ${result.hint}`);
    console.log(`  latency  ${result.latencyMs} ms`);
    if (result.retryAfterMs) console.log(`  retry    after ${Math.round(result.retryAfterMs / 1000)} s`);
    if (rotatedCredentials)
      console.log("  note     the vendor rotated a credential; store the new value (not shown here)");
  }
  return result.status === "operational" ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Messages from the engine never contain secrets; field errors list keys and rules only.
    if (err instanceof InvalidCredentialsError)
      console.error(
        `${err.message}\n${Object.entries(err.fieldErrors)
          .map(([k, m]) => `  ${k}: ${m.join(" ")}`)
          .join("\n")}`,
      );
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
