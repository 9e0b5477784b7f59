import { defineFtpSystem } from "../kit/ftp-probe";

/**
 * Emarsys (FTP): the file side of the Emarsys connector. Sources: Patchworks "Finding service
 * connector credentials for Emarsys (FTP)" (FTP Host, FTP Port, FTP Username, FTP Password, FTP
 * Mode; "Some data is uploaded ... via FTP for Emarsys to retrieve"; "contact Patchworks support
 * for advice on the required FTP setup"), help.emarsys.com "Data exchange resources" (SFTP, API
 * or WebDAV for imports). The API user of the same connector is a separate system. Probe: FTP
 * login (530 = rejected), then one listing (lib/systems/kit/ftp-probe.ts).
 */
export const emarsysFtp = defineFtpSystem({
  id: "emarsys-ftp",
  name: "Emarsys (FTP)",
  category: "marketing",
  whereToFind:
    "It is part of the FTP details agreed when the Emarsys file exchange was set up (ask Patchworks support or your Emarsys contact if you do not have them).",
  hints: {
    invalid_credentials:
      "Check the FTP username and password: they are the FTP account's, not the Emarsys API user and secret.",
  },
});
