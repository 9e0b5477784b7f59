import { vendorText } from "@/lib/health/vendor-text";
import { createHash } from "node:crypto";
import { Client, utils, type AuthHandlerMiddleware, type ConnectConfig, type SFTPWrapper } from "ssh2";
import { classifyError } from "@/lib/health/classify";
import { SFTP_AUTH_TYPES } from "./sftp-fields";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * SFTP health probe (docs/systems.md: sftp, bleckmann-sftp, the-edge): guarded TCP connect, SSH
 * handshake with the host key checked against `hostFingerprint` when given, authentication, then
 * one READDIR batch of the root folder. Decisions:
 * - Host key mismatch is `auth_failed`/`host_key_mismatch`: the server failed to prove who it is,
 *   which a person must look at (rebuilt server or interception), not a blip to wait out. The
 *   check stops during key exchange, so no password or key signature is ever sent to that server.
 * - A missing root folder is `unreachable`/`not_found`, like an HTTP 404: the login works (so not
 *   auth_failed, which would send people to reset a good password), but transfers cannot.
 * - Permission denied on the root is `auth_failed`/`forbidden`: logged in, but not allowed there.
 */
const STATUS = utils.sftp.STATUS_CODE;

type SshError = Error & { level?: string; code?: unknown };

/** "SHA256:base64-without-padding", as printed by ssh-keygen -l. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash("sha256").update(hostKey).digest("base64").replace(/=+$/, "")}`;
}

function keyProblem(err: Error, privateKey: string): ProbeOutcome {
  const text = err.message.toLowerCase();
  const detail = privateKey.includes("BEGIN ENCRYPTED PRIVATE KEY")
    ? "Encrypted PKCS#8 keys are not supported: re-save the key in OpenSSH format (ssh-keygen -p -f keyfile)."
    : text.includes("no passphrase")
      ? "The private key is encrypted, but no passphrase was given."
      : text.includes("passphrase") || text.includes("decrypt")
        ? "The passphrase does not unlock the private key."
        : "The private key could not be read.";
  return {
    status: "auth_failed",
    reason: "invalid_credentials",
    message: `${detail} Nothing was sent to the server.`,
    hint: "Paste the whole private key file (OpenSSH or PEM, BEGIN and END lines included) and, if it is encrypted, its passphrase. PuTTY .ppk keys: export them as OpenSSH from PuTTYgen.",
  };
}

function connectError(err: SshError, where: string, presented: string | undefined, authType: string): ProbeOutcome {
  if (presented !== undefined) {
    return {
      status: "auth_failed",
      reason: "host_key_mismatch",
      message: `The server at ${where} presented host key ${presented}, which does not match the expected fingerprint. We stopped before sending any credentials.`,
      hint: "Do not just copy the new fingerprint in. Ask the server's administrator whether its host key changed (rebuild, migration) and confirm the new fingerprint with them; if it did not change, someone may be intercepting the connection.",
    };
  }
  if (err.level === "client-authentication") {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      message: `The SSH server at ${where} rejected the ${authType === "ssh-key" ? "username or key" : "username or password"}.`,
      hint:
        authType === "ssh-key"
          ? "Check the username, and that the public half of this key is in the account's authorized_keys on the server (or uploaded in the provider's portal)."
          : "Check the username and password for typos, and that the account is not locked or expired. Some servers only accept keys: then use the SSH key auth type.",
    };
  }
  if (err.level === "client-timeout")
    return {
      status: "unreachable",
      reason: "timeout",
      message: `The server at ${where} accepted the connection but did not complete the SSH handshake in time.`,
    };
  if (err.level === "protocol" || err.level === "handshake") {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      message: `The server at ${where} did not complete an SSH handshake: ${vendorText(err.message, 120) ?? "no detail"}`,
      hint: "Check the host and port: they may point at something that is not an SSH/SFTP server (e.g. FTP or a web server), or the server only offers algorithms we do not support.",
    };
  }
  return classifyError(err);
}

function sftpError(err: SshError, root: string, who: string): ProbeOutcome {
  if (err.code === STATUS.NO_SUCH_FILE) {
    return {
      status: "unreachable",
      reason: "not_found",
      message: `Logged in as ${who}, but the root folder "${root}" does not exist.`,
      hint: "Check the Root folder: paths are case-sensitive, and on many servers the account only sees its own folder (try / or the folder name the provider gave you).",
    };
  }
  if (err.code === STATUS.PERMISSION_DENIED) {
    return {
      status: "auth_failed",
      reason: "forbidden",
      message: `Logged in as ${who}, but the account may not list "${root}".`,
      hint: "Ask the server's administrator to give this account read access to the folder, or set Root folder to a folder it can read.",
    };
  }
  return {
    status: "unreachable",
    reason: "unexpected_response",
    message: `Logged in as ${who}, but listing "${root}" failed: ${vendorText(err.message, 120) ?? "no detail"}`,
    hint: "Check that the Root folder is a folder (not a file) the account can open.",
  };
}

const call = <T>(fn: (cb: (err: Error | undefined | null, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

/**
 * "none" first (it returns the methods the server offers), then ONE password attempt: "password"
 * when offered, else keyboard-interactive. Trying both would count as two failed logins towards
 * the server's lockout when the password is wrong (docs/systems.md: never retry a rejected login).
 */
function oneAttempt(): AuthHandlerMiddleware {
  let attempted = false;
  return (offered, _partial, next) => {
    // ssh2 calls first with null (before the server has offered anything); @types/ssh2 omits that.
    if (!(offered as typeof offered | null)) return next("none");
    if (attempted) return (next as unknown as (stop: false) => void)(false); // ssh2 takes false as "give up"; @types/ssh2 omits it
    attempted = true;
    next(
      !offered.includes("password") && offered.includes("keyboard-interactive") ? "keyboard-interactive" : "password",
    );
  };
}

export async function probeSftp({ authType, credentials: c, tcp, signal }: ProbeContext): Promise<ProbeOutcome> {
  const useKey = authType === "ssh-key";
  if (useKey) {
    const parsed = utils.parseKey(c.privateKey, c.passphrase || undefined);
    if (parsed instanceof Error) return keyProblem(parsed, c.privateKey);
  }
  const where = `${c.host}:${c.port}`;
  const root = c.root || "/"; // the ssh-key auth type has no root field in the contract
  const socket = await tcp.connect(c.host, Number(c.port));
  const client = new Client();
  let presented: string | undefined;
  const config: ConnectConfig = { sock: socket, username: c.username, readyTimeout: tcp.remainingMs() };
  if (useKey) Object.assign(config, { privateKey: c.privateKey }, c.passphrase ? { passphrase: c.passphrase } : {});
  else Object.assign(config, { password: c.password, tryKeyboard: true, authHandler: oneAttempt() });
  if (c.hostFingerprint) {
    config.hostVerifier = (key: Buffer) => {
      const seen = sshFingerprint(key);
      if (seen !== c.hostFingerprint) presented = seen;
      return seen === c.hostFingerprint;
    };
  }
  // Servers that disable "password" often still take the same password through keyboard-interactive.
  client.on("keyboard-interactive", (_name, _instructions, _lang, prompts, finish) =>
    finish(prompts.map((p) => (/pass/i.test(p.prompt) ? c.password : ""))),
  );
  const stop = () => client.end();
  signal.addEventListener("abort", stop, { once: true });
  try {
    const failure = await new Promise<SshError | undefined>((resolve) => {
      client.once("ready", () => resolve(undefined));
      // `on`, not `once`: a connection dropping later must not become an unhandled "error" event.
      client.on("error", (err: SshError) => resolve(err));
      client.once("close", () =>
        resolve(Object.assign(new Error("SSH connection closed before login"), { code: "ECONNRESET" })),
      );
      client.connect(config);
    });
    if (failure) return connectError(failure, where, presented, authType);
    const sftp = await call<SFTPWrapper>((cb) => client.sftp(cb)).catch((err: unknown) =>
      err instanceof Error ? err : new Error(String(err)),
    );
    if (sftp instanceof Error) {
      return {
        status: "unreachable",
        reason: "unexpected_response",
        message: `Logged in as ${c.username}, but the server at ${where} does not offer SFTP.`,
        hint: "The account may be limited to a shell or to SCP. Ask the server's administrator to enable the SFTP subsystem for it.",
      };
    }
    try {
      const handle = await call<Buffer>((cb) => sftp.opendir(root, cb));
      // One batch proves the folder is readable; a large folder is never read in full.
      await call((cb) => sftp.readdir(handle, cb)).catch((err: unknown) => {
        if ((err as SshError).code === STATUS.EOF) return [];
        throw err;
      });
      await new Promise<void>((resolve) => sftp.close(handle, () => resolve()));
    } catch (err) {
      return sftpError(err as SshError, root, c.username);
    }
    return {
      status: "operational",
      reason: "ok",
      message: `Logged in to ${where} as ${c.username} and listed "${root}".`,
    };
  } finally {
    signal.removeEventListener("abort", stop);
    client.end();
    socket.destroy();
  }
}

/** A whole SFTP system from its id and name: each SFTP-based vendor is then a few lines. */
export function defineSftpSystem(
  def: Pick<SystemDef, "id" | "name"> &
    Partial<Pick<SystemDef, "category" | "hints">> & { auth?: (keyof typeof SFTP_AUTH_TYPES)[] },
): SystemDef {
  const { auth = ["password", "ssh-key"], category = "file-transfer", ...rest } = def;
  return { ...rest, category, authTypes: auth.map((id) => SFTP_AUTH_TYPES[id]), probe: probeSftp };
}
