import { defineSftpSystem } from "../kit/sftp-probe";

/** Patchworks' own SFTP connector: any SFTP server, by password or SSH key (docs/systems.md). */
export const sftp = defineSftpSystem({
  id: "sftp",
  name: "Patchworks SFTP",
  hints: {
    connection_refused:
      "Check the host and port (SFTP is usually port 22), that the server is running, and that its firewall or IP allow-list lets our servers in.",
  },
});
