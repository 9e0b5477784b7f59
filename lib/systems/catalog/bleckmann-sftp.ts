import { defineSftpSystem } from "../kit/sftp-probe";

/**
 * Bleckmann SFTP: file exchange with Bleckmann's warehouses (docs/systems.md: Bleckmann also
 * integrates by file exchange; no public Bleckmann SFTP documentation was found, so host, account
 * and folder come from Bleckmann's onboarding). Password login only, per the contract; the probe
 * is the shared SFTP one (connect, authenticate once, list the root folder).
 */
export const bleckmannSftp = defineSftpSystem({
  id: "bleckmann-sftp",
  name: "Bleckmann SFTP",
  category: "wms",
  auth: ["password"],
  hints: {
    connection_refused:
      "Check the host and port (SFTP is usually port 22), and ask Bleckmann's integration team to allow our servers' IP addresses.",
  },
});
