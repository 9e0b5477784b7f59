import type { Db } from "@/db";
import { listConnectorsNotUnderKey, reencryptConnectorCredentials } from "@/db/queries/connectors";
import { appKeyring, decryptCredentials, encryptCredentials } from "./credentials";
import type { Keyring } from "./secrets";

/**
 * Re-encrypts every connector's credentials with the current key (after CONNECTOR_SECRETS_KEY changed and the old
 * key moved to CONNECTOR_SECRETS_OLD_KEYS). Works in batches; a row changed by a save meanwhile is left alone (the
 * save already wrote it with the current key). Values that no configured key opens are counted, never printed.
 */
export async function rotateConnectorSecrets(db: Db, keyring: Keyring = appKeyring(), batchSize = 200) {
  let rotated = 0;
  const unreadable: string[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await listConnectorsNotUnderKey(db, { keyId: keyring.currentId, after, limit: batchSize });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    for (const row of batch) {
      let plain: Record<string, string>;
      try {
        plain = decryptCredentials(row.id, row.credentials, keyring);
      } catch {
        unreadable.push(row.id);
        continue;
      }
      const next = encryptCredentials(row.id, plain, keyring);
      if (await reencryptConnectorCredentials(db, { orgId: row.orgId, id: row.id, previous: row.credentials, next }))
        rotated++;
    }
  }
  return { rotated, unreadable, currentKeyId: keyring.currentId };
}
