import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type DevSecrets = { authSecret: string; connectorSecretsKey: string };

/** Development only: generate secrets once into DATA_DIR so a bare machine runs without configuration. */
export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, "dev-secrets.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DevSecrets;
  } catch {
    const secrets: DevSecrets = {
      authSecret: randomBytes(32).toString("base64url"),
      connectorSecretsKey: randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // "wx": when two processes start at once, the first file written wins and the other reads it.
      fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
    } catch {
      return JSON.parse(fs.readFileSync(file, "utf8")) as DevSecrets;
    }
    console.warn(
      `[patchbay] AUTH_SECRET / CONNECTOR_SECRETS_KEY not set: generated development values into ${file}. ` +
        "Set both in production; losing CONNECTOR_SECRETS_KEY makes stored credentials unreadable.",
    );
    return secrets;
  }
}
