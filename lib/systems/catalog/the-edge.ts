import { defineSftpSystem } from "../kit/sftp-probe";

/**
 * The Edge by John Lewis: John Lewis' marketplace runs on Virtualstock's "The Edge", and sellers
 * exchange order, stock and shipment files over SFTP (Hemi knowledge base, "John Lewis User Guide":
 * "file exchange over SFTP", credentials "provided for the relevant account/seller by John
 * Lewis"; folders /live/incoming, /live/outgoing, /live/inventory, /live/inventory/errors, and
 * /uat/... for testing). Probe: the shared SFTP one, listing the Root folder (e.g. /live/incoming).
 */
export const theEdge = defineSftpSystem({
  id: "the-edge",
  name: "The Edge by John Lewis",
  category: "marketplace",
  auth: ["password"],
  hints: {
    connection_refused:
      "Check the host and port John Lewis gave you for The Edge (SFTP is usually port 22), and that John Lewis has allowed our servers' IP addresses.",
  },
});
