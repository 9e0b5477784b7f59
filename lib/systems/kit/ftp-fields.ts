import { password, username } from "./fields";
import { HOSTNAME, IPV6, PORT, normaliseSftpHost } from "./sftp-fields";
import type { AuthTypeDef, CredentialField } from "@/lib/health/contract";

/**
 * Credential fields shared by every FTP/FTPS system (emarsys-ftp, seko-ftp). `whereToFind` says, in
 * the vendor's words, who hands out the FTP access details, so the help text can point there.
 */

export const FTP_SECURE_OPTIONS = [
  { value: "ftps", label: "FTPS (FTP over TLS, explicit)" },
  { value: "ftp", label: "FTP (unencrypted)" },
];

export function ftpPasswordAuthType(whereToFind: string): AuthTypeDef {
  const fields: CredentialField[] = [
    {
      key: "host",
      label: "FTP host",
      help: `The FTP server's host name or IP address, e.g. ftp.example.com. ${whereToFind} No ftp://, folder or port: the port has its own field.`,
      secret: false,
      kind: "host",
      placeholder: "ftp.example.com",
      // "ftp://user@FTP.Example.com/in" -> "ftp.example.com"; a typed port stays so the pattern can point at the Port field.
      normalise: normaliseSftpHost,
      pattern: {
        regex: new RegExp(`${HOSTNAME.source}|${IPV6.source}`),
        message:
          "Enter only the server's host name or IP address, like ftp.example.com or 203.0.113.10. Put the port in the FTP port field.",
      },
    },
    {
      key: "port",
      label: "FTP port",
      help: "The FTP control port. Almost always 21, for FTPS too (explicit TLS starts on the same port). Port 990 is implicit FTPS, which is not supported.",
      secret: false,
      kind: "number",
      required: false,
      defaultValue: "21",
      pattern: { regex: PORT, message: "Enter a port number between 1 and 65535 (usually 21)." },
    },
    username(
      "The FTP account's user name, exactly as given in the FTP access details (it is often case-sensitive).",
      "FTP username",
    ),
    password("The FTP account's password. Spaces are kept as typed.", "FTP password"),
    {
      key: "secure",
      label: "FTP mode",
      help: "FTPS encrypts the login and the files (explicit TLS, AUTH TLS). Choose plain FTP only if the server offers nothing else: the password then travels unencrypted.",
      secret: false,
      kind: "select",
      required: false,
      defaultValue: "ftps",
      options: FTP_SECURE_OPTIONS,
      normalise: (value) => value.toLowerCase(),
    },
  ];
  return { id: "password", label: "Username and password", fields };
}
