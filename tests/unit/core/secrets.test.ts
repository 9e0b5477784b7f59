import { randomBytes } from "node:crypto";
import {
  createKeyring,
  decryptString,
  encryptString,
  envelopeKeyId,
  SecretDecryptionError,
} from "@/lib/crypto/secrets";
import { maskSecret } from "@/lib/crypto/credentials";

const key = () => randomBytes(32).toString("base64");

describe("secret envelopes (AES-256-GCM)", () => {
  const current = key();
  const ring = createKeyring(current);

  it("round-trips, stores the key id, and never contains the plaintext", () => {
    const envelope = encryptString(ring, "shpat_supersecret", "connector:1");
    expect(envelope).not.toContain("shpat_supersecret");
    expect(envelope.startsWith(`v1.${ring.currentId}.`)).toBe(true);
    expect(envelopeKeyId(envelope)).toBe(ring.currentId);
    expect(decryptString(ring, envelope, "connector:1")).toBe("shpat_supersecret");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptString(ring, "same", "a")).not.toBe(encryptString(ring, "same", "a"));
  });

  it("refuses a value moved to another row (AAD) or altered", () => {
    const envelope = encryptString(ring, "secret", "connector:1");
    expect(() => decryptString(ring, envelope, "connector:2")).toThrow(SecretDecryptionError);
    const parts = envelope.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptString(ring, parts.join("."), "connector:1")).toThrow(SecretDecryptionError);
  });

  it("reads values under an old key after rotation, and writes with the new one", () => {
    const old = createKeyring(current);
    const envelope = encryptString(old, "legacy", "x");
    const next = key();
    const rotated = createKeyring(next, [current]);
    expect(decryptString(rotated, envelope, "x")).toBe("legacy");
    expect(envelopeKeyId(encryptString(rotated, "legacy", "x"))).toBe(rotated.currentId);
    expect(rotated.currentId).not.toBe(old.currentId);
    expect(() => decryptString(createKeyring(next), envelope, "x")).toThrow(/key id/);
  });

  it("error messages never include the value", () => {
    try {
      decryptString(ring, encryptString(ring, "topsecretvalue", "a"), "b");
    } catch (e) {
      expect((e as Error).message).not.toContain("topsecretvalue");
    }
    expect.assertions(1);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createKeyring(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });

  it("masks secrets to the last 4 characters, and short ones entirely", () => {
    expect(maskSecret("shpat_0123456789abcd")).toBe("••••abcd");
    expect(maskSecret("short")).toBe("••••");
  });
});
