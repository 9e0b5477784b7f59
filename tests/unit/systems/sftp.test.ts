import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { sftp } from "@/lib/systems/catalog/sftp";
import {
  expectNoSecrets,
  itChecksSftpPasswordLogins,
  SFTP_PASSWORD,
  SFTP_USER,
  useSftpServer,
} from "@/tests/helpers/sftp-cases";
import { sshKeyPair } from "@/tests/helpers/sftp-server";

const PASSPHRASE = "correct horse battery";
const plainKey = sshKeyPair();
const lockedKey = sshKeyPair({ passphrase: PASSPHRASE, cipher: "aes256-ctr", rounds: 4 });
const strangerKey = sshKeyPair();

describe("sftp", () => {
  const server = useSftpServer({ authorizedKeys: [plainKey.public, lockedKey.public] });

  describe("password", () => {
    itChecksSftpPasswordLogins("sftp", server);
  });

  describe("password over keyboard-interactive", () => {
    const kbd = useSftpServer({ methods: ["keyboard-interactive"] });
    const check = (password: string) =>
      checkSystem(
        {
          system: "sftp",
          authType: "password",
          credentials: { host: "127.0.0.1", port: String(kbd().port), username: SFTP_USER, password },
        },
        { allowPrivateNetworks: true, timeoutMs: 3000 },
      );

    it("answers the password prompt when the server only offers keyboard-interactive, once", async () => {
      expect(await check(SFTP_PASSWORD)).toMatchObject({ status: "operational", reason: "ok" });
      expect(await check("wrong-password-123")).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
      expect(kbd().authAttempts).toEqual(["none", "keyboard-interactive", "none", "keyboard-interactive"]);
    });
  });

  describe("ssh-key", () => {
    const keyCreds = (over: Record<string, string> = {}) => ({
      host: "127.0.0.1",
      port: String(server().port),
      username: SFTP_USER,
      privateKey: plainKey.private,
      ...over,
    });
    const check = (over: Record<string, string> = {}, options: EngineOptions = {}) =>
      checkSystem(
        { system: "sftp", authType: "ssh-key", credentials: keyCreds(over) },
        { allowPrivateNetworks: true, timeoutMs: 3000, ...options },
      );

    it("is operational with an authorized key, listing / (the key auth type has no root field)", async () => {
      const result = await check();
      expect(result).toMatchObject({ status: "operational", reason: "ok" });
      expect(server().authAttempts).toContain("publickey");
      expect(server().requests[0]).toBe("OPENDIR /");
    });

    it("unlocks an encrypted key with the right passphrase", async () => {
      expect(await check({ privateKey: lockedKey.private, passphrase: PASSPHRASE })).toMatchObject({
        status: "operational",
        reason: "ok",
      });
    });

    it.each([
      ["a wrong passphrase", "not the passphrase", "does not unlock"],
      ["no passphrase", "", "no passphrase was given"],
    ])("fails with %s before contacting the server, without leaking the key", async (_what, passphrase, words) => {
      const result = await check({ privateKey: lockedKey.private, passphrase });
      expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
      expect(result.message).toContain(words);
      expect(result.hint).toContain("passphrase");
      expectNoSecrets(result, [lockedKey.private, "not the passphrase", PASSPHRASE]);
      expect(server().authAttempts).toEqual([]);
    });

    it("fails authentication with a key the server does not know", async () => {
      const result = await check({ privateKey: strangerKey.private });
      expect(result).toMatchObject({ status: "auth_failed", reason: "invalid_credentials" });
      expect(result.hint).toContain("authorized_keys");
      expectNoSecrets(result, [strangerKey.private]);
    });

    it("accepts the server when its host key matches the fingerprint", async () => {
      expect(await check({ hostFingerprint: server().fingerprint })).toMatchObject({
        status: "operational",
        reason: "ok",
      });
    });

    it("stops before authenticating when the host key does not match", async () => {
      const wrong = `SHA256:${"A".repeat(43)}`;
      const result = await check({ hostFingerprint: wrong });
      expect(result).toMatchObject({ status: "auth_failed", reason: "host_key_mismatch" });
      expect(result.message).toContain(server().fingerprint);
      expect(result.hint).toContain("intercepting");
      expect(server().authAttempts).toEqual([]);
    });
  });

  describe("fields", () => {
    const password = credentialsSchema(sftp, "password");
    const key = credentialsSchema(sftp, "ssh-key");
    const base = { host: "sftp.example.com", username: "u", password: "p" };

    it("normalises host, port, root and fingerprint", () => {
      expect(password.parse({ ...base, host: "sftp://SFTP.Example.com/", root: "/in/" })).toMatchObject({
        host: "sftp.example.com",
        port: "22",
        root: "/in",
      });
      expect(password.parse({ ...base, root: "" }).root).toBe("/");
      const fp = "SHA256:" + "b".repeat(43);
      const keyBase = { host: "h.example.com", username: "u", privateKey: plainKey.private };
      expect(key.parse({ ...keyBase, hostFingerprint: `256 ${fp} root@h (ED25519)` }).hostFingerprint).toBe(fp);
      expect(key.parse({ ...keyBase, hostFingerprint: `${"b".repeat(43)}=` }).hostFingerprint).toBe(fp);
      expect(key.parse(keyBase).hostFingerprint).toBe("");
    });

    it("rejects a port in the host, bad ports, public keys and MD5 fingerprints", () => {
      const errors = (schema: typeof password, input: Record<string, string>) =>
        JSON.stringify(schema.safeParse(input).error?.issues ?? []);
      expect(errors(password, { ...base, host: "sftp.example.com:2222" })).toContain("Port field");
      expect(errors(password, { ...base, port: "70000" })).toContain("between 1 and 65535");
      expect(errors(key, { host: "h", username: "u", privateKey: plainKey.public })).toContain("public key");
      expect(
        errors(key, { host: "h", username: "u", privateKey: plainKey.private, hostFingerprint: "aa:bb:cc" }),
      ).toContain("ssh-keygen -l");
    });
  });
});
