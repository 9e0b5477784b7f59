import { vendorText } from "@/lib/health/vendor-text";
import { isIP } from "node:net";
import { Client, FTPError, type FTPResponse } from "basic-ftp";
import { classifyError } from "@/lib/health/classify";
import { ftpPasswordAuthType } from "./ftp-fields";
import type { ProbeContext, ProbeOutcome, SystemDef } from "@/lib/health/contract";

/**
 * FTP/FTPS health probe with basic-ftp (docs/systems.md: emarsys-ftp, seko-ftp): greeting, AUTH TLS
 * when the mode is FTPS, USER/PASS (530 = rejected), then one LIST of the login folder.
 * - The control connection is the engine's guarded TCP socket (`tcp.connect`: resolved once,
 *   blocked addresses refused, aborted at the deadline), handed to basic-ftp as its control socket
 *   instead of `Client.access`, which would open an unguarded socket of its own.
 * - Passive data connections go to the control connection's IP only: EPSV names only a port, and
 *   for PASV basic-ftp's default (`allowSeparateTransferHost: false`, pinned below) connects to the
 *   control IP and refuses a different one. So a server cannot point us at another (private) host.
 *   basic-ftp opens that data socket itself; the abort listener closes it at the deadline.
 * - Only what a listing needs is sent (PBSZ/PROT P for FTPS; no FEAT, TYPE or OPTS), and the
 *   listing is capped at 64 KB: a bigger one proves the folder is readable and is not read further.
 * - FTP has no "429": a server that is busy answers 421 and closes, which is reported as unreachable.
 * - Certificates are verified (no per-connector opt-out in the contract): a self-signed FTPS
 *   server fails as tls_error with a hint saying so.
 */
type Step = "greeting" | "tls" | "login" | "list";

const SELF_SIGNED = /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF/;

function replied(res: FTPResponse | Error, task: { resolve(v: unknown): void; reject(e: Error): void }) {
  if (res instanceof Error) task.reject(res);
  else if (res.code >= 200 && res.code < 300) task.resolve(res);
  else task.reject(new FTPError(res));
}

function serverSaid(err: FTPError, where: string, step: Step, c: Record<string, string>): ProbeOutcome {
  const text = `${err.code} ${vendorText(err.message.replace(/^\d{3}[ -]?/, ""), 160) ?? ""}`.trim();
  if (err.code === 421) {
    return {
      status: "unreachable",
      reason: "connection_reset",
      message: `The FTP server at ${where} is not available right now (${text}).`,
      hint: "The server is busy, shutting down, or limits connections per address. Try again later; if it persists, ask the provider whether our servers are allowed in.",
    };
  }
  if (step === "tls") {
    return {
      status: "unreachable",
      reason: "tls_error",
      message: `The FTP server at ${where} does not offer FTPS: it answered AUTH TLS with ${text}.`,
      hint: "Ask the provider whether the server supports explicit FTPS. If it only offers plain FTP, set FTP mode to FTP (the password then travels unencrypted). Implicit FTPS (port 990) is not supported.",
    };
  }
  if (step === "login" && c.secure !== "ftps" && /tls|ssl|encrypt|secure/i.test(err.message)) {
    return {
      status: "unreachable",
      reason: "tls_error",
      message: `The FTP server at ${where} refused an unencrypted login (${text}).`,
      hint: "The server requires FTPS: set FTP mode to FTPS.",
    };
  }
  if (step === "login" && err.code === 530) {
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      message: `The FTP server at ${where} rejected the username or password (${text}).`,
    };
  }
  if (step === "list") {
    return {
      status: "unreachable",
      reason: "unexpected_response",
      message: `Logged in as ${c.username}, but listing the login folder failed (${text}).`,
      hint: "Ask the provider to check the account's home folder and its read permission.",
    };
  }
  return {
    status: "unreachable",
    reason: "unexpected_response",
    message: `The FTP server at ${where} answered ${text} ${step === "greeting" ? "instead of a welcome" : "to the login"}.`,
    hint: "Check the host and port point at an FTP server (not SFTP on port 22, a web server, or implicit FTPS on port 990).",
  };
}

function failure(err: unknown, where: string, step: Step, c: Record<string, string>): ProbeOutcome {
  if (err instanceof FTPError) return serverSaid(err, where, step, c);
  const message = err instanceof Error ? err.message : String(err);
  if (/StringWriter: Maximum bytes exceeded/.test(message)) return listed(where, c, "a large listing");
  let outcome = classifyError(err);
  if (outcome.reason === "unexpected_response") {
    // basic-ftp reports its own timeouts and hang-ups as plain errors without a code.
    if (/^Timeout/.test(message)) outcome = { status: "unreachable", reason: "timeout" };
    else if (/closed connection|FIN packet|Socket closed/i.test(message))
      outcome = { status: "unreachable", reason: "connection_reset" };
    else if (/PASV returned another host/.test(message)) {
      return {
        status: "unreachable",
        reason: "unexpected_response",
        message: `Logged in as ${c.username}, but the server wants file transfers to go to another address, which we refuse.`,
        hint: "The server's passive-mode address is misconfigured (often a NAT or load balancer): ask the provider to advertise the same public address as the FTP host.",
      };
    }
  }
  if (outcome.reason === "tls_error" && SELF_SIGNED.test(outcome.message ?? "")) {
    return {
      ...outcome,
      hint: "The server's certificate is self-signed or not issued by a public certificate authority, so we cannot tell it from an impostor. Ask the provider for a certificate from a public CA (e.g. Let's Encrypt); plain FTP would send the password unencrypted.",
    };
  }
  if (step === "list") {
    const detail = outcome.message ?? "";
    return {
      ...outcome,
      message: `Logged in as ${c.username}, but the data connection for the listing failed${detail ? `: ${detail}` : "."}`,
      hint: "Passive-mode data connections use a second port the server names. Ask the provider to open its passive port range to our servers.",
    };
  }
  if (outcome.reason === "timeout" && step === "greeting" && c.port === "990") {
    return {
      ...outcome,
      hint: "Port 990 is implicit FTPS, which is not supported. Ask the provider for explicit FTPS on port 21.",
    };
  }
  return outcome;
}

function listed(where: string, c: Record<string, string>, what: string): ProbeOutcome {
  const mode = c.secure === "ftps" ? "FTPS" : "FTP";
  return {
    status: "operational",
    reason: "ok",
    message: `Logged in to ${where} as ${c.username} over ${mode} and listed the login folder (${what}).`,
  };
}

export async function probeFtp({ credentials: c, tcp, signal }: ProbeContext): Promise<ProbeOutcome> {
  const where = `${c.host}:${c.port}`;
  const socket = await tcp.connect(c.host, Number(c.port));
  const client = new Client(tcp.remainingMs(), { allowSeparateTransferHost: false, maxListingBytes: 64 * 1024 });
  const stop = () => client.close();
  signal.addEventListener("abort", stop, { once: true });
  let step: Step = "greeting";
  try {
    client.ftp.socket = socket;
    await client.ftp.handle(undefined, replied);
    if (c.secure === "ftps") {
      step = "tls";
      // The socket is connected to the resolved IP: verify the certificate against the host name typed.
      await client.useTLS({ host: c.host, ...(isIP(c.host) ? {} : { servername: c.host }) });
    }
    step = "login";
    await client.login(c.username, c.password);
    step = "list";
    if (c.secure === "ftps") {
      await client.sendIgnoringError("PBSZ 0");
      await client.send("PROT P"); // protect the data connection too
    }
    const entries = await client.list();
    return listed(where, c, `${entries.length} ${entries.length === 1 ? "entry" : "entries"}`);
  } catch (err) {
    return failure(err, where, step, c);
  } finally {
    signal.removeEventListener("abort", stop);
    client.close();
    socket.destroy();
  }
}

/** A whole FTP/FTPS system from its id, name and where its users find the FTP details. */
export function defineFtpSystem(
  def: Pick<SystemDef, "id" | "name"> & Partial<Pick<SystemDef, "category" | "hints">> & { whereToFind: string },
): SystemDef {
  const { whereToFind, category = "file-transfer", hints, ...rest } = def;
  const defaults = {
    invalid_credentials:
      "Check the FTP username and password for typos, and that the account is not locked, expired or restricted to other IP addresses.",
  };
  return {
    ...rest,
    category,
    authTypes: [ftpPasswordAuthType(whereToFind)],
    probe: probeFtp,
    hints: { ...defaults, ...hints },
  };
}
