import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelopes: "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id is stored with every value
 * so old keys stay readable after rotation. `aad` binds a value to its row: a ciphertext copied to another row fails.
 */
export interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

export class SecretDecryptionError extends Error {
  constructor(public readonly keyId: string) {
    super(
      `Stored secret cannot be decrypted (key id ${keyId}): the key is missing from CONNECTOR_SECRETS_KEY / CONNECTOR_SECRETS_OLD_KEYS, or the value was altered.`,
    );
    this.name = "SecretDecryptionError";
  }
}

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

export function createKeyring(currentBase64: string, oldBase64: string[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  const decode = (b64: string) => {
    const key = Buffer.from(b64.trim(), "base64");
    if (key.length !== 32) throw new Error("Every connector secrets key must be 32 bytes, base64-encoded.");
    return key;
  };
  for (const old of oldBase64.filter((k) => k.trim())) {
    const key = decode(old);
    keys.set(keyIdOf(key), key);
  }
  const current = decode(currentBase64);
  const currentId = keyIdOf(current);
  keys.set(currentId, current);
  return { currentId, keys };
}

export function encryptString(ring: Keyring, plaintext: string, aad: string): string {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new Error("The keyring has no current key."); // createKeyring always adds it
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v1",
    ring.currentId,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ct.toString("base64url"),
  ].join(".");
}

export function envelopeKeyId(envelope: string): string {
  return envelope.split(".")[1] ?? "";
}

export function decryptString(ring: Keyring, envelope: string, aad: string): string {
  const parts = envelope.split(".");
  const [version, keyId, iv, tag, ct] = [0, 1, 2, 3, 4].map((i) => parts.at(i));
  const key = ring.keys.get(keyId ?? "");
  if (version !== "v1" || !key || !iv || !tag || ct === undefined) throw new SecretDecryptionError(keyId ?? "?");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(keyId ?? "?");
  }
}
