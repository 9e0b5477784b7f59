import { authType, host, password, secret, text, username } from "./fields";
import { bareHost, trimTrailingSlashes } from "./normalise";
import type { AuthTypeDef, CredentialField } from "@/lib/health/contract";

/** Credential fields shared by every SFTP system (sftp, bleckmann-sftp, the-edge). */

/** "sftp://user@SFTP.Example.com:22/in/" -> "sftp.example.com:22" (a typed port is kept so the pattern can point at the Port field). */
export function normaliseSftpHost(value: string): string {
  const host = bareHost(value).replace(/^[^@]*@/, "");
  const bracketed = host.match(/^\[([0-9a-f:.]+)\]$/);
  return bracketed ? bracketed[1] : host;
}

/** "256 SHA256:abc= root@host (ED25519)" (ssh-keygen -l output) or a bare base64 digest -> "SHA256:abc". */
export function normaliseFingerprint(value: string): string {
  const found = value.match(/SHA256:([A-Za-z0-9+/_-]+)/i)?.[1] ?? value.match(/^([A-Za-z0-9+/]{43})=?$/)?.[1];
  return found ? `SHA256:${found.replace(/-/g, "+").replace(/_/g, "/")}` : value;
}

/** "/upload/" -> "/upload". A relative root ("upload") is kept: SFTP resolves it against the user's home folder. */
export function normaliseRoot(value: string): string {
  return value === "/" ? value : trimTrailingSlashes(value) || "/";
}

export const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/;
export const IPV6 = /^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/;
export const PORT = /^(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/;

export const sftpHost: CredentialField = host(
  "host",
  "Host",
  "The SFTP server's host name or IP address, e.g. sftp.example.com, as given by whoever runs the server. No sftp://, folder or port: those have their own fields.",
  {
    placeholder: "sftp.example.com",
    normalise: normaliseSftpHost,
    pattern: {
      regex: new RegExp(`${HOSTNAME.source}|${IPV6.source}`),
      message:
        "Enter only the server's host name or IP address, like sftp.example.com or 203.0.113.10. Put the port in the Port field and the folder in Root folder.",
    },
  },
);

export const sftpPort: CredentialField = {
  key: "port",
  label: "Port",
  help: "The SSH port of the server. Almost always 22; some providers use another port such as 2222.",
  secret: false,
  kind: "number",
  required: false,
  defaultValue: "22",
  pattern: { regex: PORT, message: "Enter a port number between 1 and 65535 (usually 22)." },
};

export const sftpUsername: CredentialField = username(
  "The SFTP account's user name, exactly as the server's administrator gave it (it is usually case-sensitive).",
);

export const sftpPassword: CredentialField = password("The SFTP account's password. Spaces are kept as typed.");

export const sftpRoot: CredentialField = text(
  "root",
  "Root folder",
  "The folder files are exchanged in, e.g. /outbound. The check lists it to prove the account can see it. Leave blank for / (a relative path starts from the account's home folder).",
  {
    required: false,
    defaultValue: "/",
    placeholder: "/",
    normalise: normaliseRoot,
    notADestination:
      "Only opened after logging in to the Host and Port, over the same connection: it cannot send the password anywhere else.",
  },
);

export const sftpPrivateKey: CredentialField = {
  key: "privateKey",
  label: "Private key",
  help: "The whole private key file (OpenSSH or PEM), from the -----BEGIN ... PRIVATE KEY----- line to the END line. Its public half must be in the account's authorized_keys on the server. PuTTY users: PuTTYgen > Conversions > Export OpenSSH key.",
  secret: true,
  kind: "textarea",
  placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----",
  pattern: {
    regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
    message:
      "Paste the whole private key, starting with a line like -----BEGIN OPENSSH PRIVATE KEY-----. A public key (ssh-ed25519 ..., ssh-rsa ...) does not work here.",
  },
};

export const sftpPassphrase: CredentialField = secret(
  "passphrase",
  "Key passphrase",
  "Only if the private key is encrypted: the passphrase that unlocks it. Leave blank otherwise.",
  { required: false, trim: false },
);

export const sftpHostFingerprint: CredentialField = text(
  "hostFingerprint",
  "Host key fingerprint",
  "Optional but recommended: proves we talk to the real server before any key is used. Ask the server's administrator for its SHA256 host key fingerprint (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), or copy the SHA256:... value OpenSSH shows on your first connection, once you trust it.",
  {
    required: false,
    placeholder: "SHA256:...",
    normalise: normaliseFingerprint,
    pattern: {
      regex: /^SHA256:[A-Za-z0-9+/]{43}$/,
      message:
        "Enter the SHA256 fingerprint as printed by ssh-keygen -l, like SHA256: followed by 43 letters, digits, + or /. For an MD5 one (aa:bb:...), ask for ssh-keygen -l -E sha256.",
    },
  },
);

export const SFTP_AUTH_TYPES = {
  password: authType("password", "Username and password", [sftpHost, sftpPort, sftpUsername, sftpPassword, sftpRoot]),
  "ssh-key": authType("ssh-key", "SSH key", [
    sftpHost,
    sftpPort,
    sftpUsername,
    sftpPrivateKey,
    sftpPassphrase,
    sftpHostFingerprint,
  ]),
} satisfies Record<string, AuthTypeDef>;
