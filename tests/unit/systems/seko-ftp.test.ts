import { credentialsSchema } from "@/lib/systems";
import { checkSystem } from "@/lib/checks/check-system";
import { sekoFtp } from "@/lib/systems/catalog/seko-ftp";
import { FTP_PASSWORD, FTP_USER, itChecksFtpLogins } from "@/tests/helpers/ftp-cases";
import { startScriptedServer } from "@/tests/helpers/ftp-server";

describe("seko-ftp", () => {
  itChecksFtpLogins("seko-ftp");

  it("points at the FTP mode, not the password, when the server refuses a plain-FTP login", async () => {
    // vsftpd's wording when ssl_enable=YES and force_local_logins_ssl=YES.
    const server = await startScriptedServer("220 (vsFTPd 3.0.5)\r\n", {
      USER: "530 Non-anonymous sessions must use encryption.",
    });
    try {
      const credentials = {
        host: "127.0.0.1",
        port: String(server.port),
        username: FTP_USER,
        password: FTP_PASSWORD,
        secure: "ftp",
      };
      const result = await checkSystem(
        { system: "seko-ftp", authType: "password", credentials },
        { allowPrivateNetworks: true, timeoutMs: 2000 },
      );
      expect(result).toMatchObject({ status: "unreachable", reason: "tls_error" });
      expect(result.hint).toContain("set FTP mode to FTPS");
    } finally {
      await server.close();
    }
  });

  it("normalises a pasted ftp:// address, defaults to port 21 and FTPS", () => {
    const parsed = credentialsSchema(sekoFtp, "password").parse({
      host: "ftp://User@FTP.Seko.example/Load/",
      username: "u",
      password: "p",
    });
    expect(parsed).toMatchObject({ host: "ftp.seko.example", port: "21", secure: "ftps" });
    expect(
      credentialsSchema(sekoFtp, "password").safeParse({ host: "h", username: "u", password: "p", secure: "sftp" })
        .success,
    ).toBe(false);
  });
});
