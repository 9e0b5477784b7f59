import { getDbHandle } from "@/db";
import { rotateConnectorSecrets } from "@/lib/crypto/rotate";
import { describeError } from "@/lib/log";

/**
 * `npm run secrets:rotate`: after setting a new CONNECTOR_SECRETS_KEY and moving the previous one into
 * CONNECTOR_SECRETS_OLD_KEYS, re-encrypts every connector with the new key. Safe to run again; safe while the app runs.
 */
async function main() {
  const handle = await getDbHandle();
  const { rotated, unreadable, currentKeyId } = await rotateConnectorSecrets(handle.db);
  console.log(`re-encrypted ${rotated} connector(s) with key ${currentKeyId}`);
  if (unreadable.length) {
    console.error(
      `${unreadable.length} connector(s) could not be decrypted with any configured key: ${unreadable.join(", ")}`,
    );
    console.error(
      "add the key that encrypted them to CONNECTOR_SECRETS_OLD_KEYS and run again, or re-enter their credentials",
    );
  }
  await handle.close();
  process.exit(unreadable.length ? 2 : 0);
}

main().catch((error: unknown) => {
  console.error(`rotation failed: ${describeError(error)}`);
  process.exit(1);
});
