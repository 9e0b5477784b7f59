import { defineFtpSystem } from "../kit/ftp-probe";

/**
 * Seko (FTP): Seko's iHub file exchange. Source: Seko knowledge base "iHub FTP Path (Directory)"
 * ("an FTP server can be setup by SEKO. Access details to the FTP server will be provided on setup,
 * including: Host, Port, Username and Password"; files go under Load/... and are archived). The
 * REST API is the separate `seko` system. Probe: FTP login (530 = rejected), then one listing of
 * the login folder, where the Load folders live (lib/systems/kit/ftp-probe.ts).
 */
export const sekoFtp = defineFtpSystem({
  id: "seko-ftp",
  name: "Seko (FTP)",
  category: "wms",
  whereToFind:
    "Seko provides it with the FTP access details (host, port, username and password) when it sets up your FTP server.",
  hints: {
    invalid_credentials:
      "Check the FTP username and password against the access details Seko sent when it set up the FTP server; Seko support can reset them.",
  },
});
