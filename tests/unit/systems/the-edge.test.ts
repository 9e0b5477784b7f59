import { checkSystem } from "@/lib/checks/check-system";
import { getSystem } from "@/lib/systems";
import { itChecksSftpPasswordLogins, SFTP_PASSWORD, SFTP_USER, useSftpServer } from "@/tests/helpers/sftp-cases";

describe("the-edge", () => {
  const server = useSftpServer({ folders: ["/", "/outbound", "/live", "/live/incoming"] });
  itChecksSftpPasswordLogins("the-edge", server);

  it("lists The Edge's order folder when it is the Root folder", async () => {
    const credentials = {
      host: "127.0.0.1",
      port: String(server().port),
      username: SFTP_USER,
      password: SFTP_PASSWORD,
      root: "/live/incoming/",
    };
    const result = await checkSystem(
      { system: "the-edge", authType: "password", credentials },
      { allowPrivateNetworks: true, timeoutMs: 3000 },
    );
    expect(result).toMatchObject({ status: "operational", reason: "ok" });
    expect(server().requests[0]).toBe("OPENDIR /live/incoming");
  });

  it("offers password login only, and its hint names the John Lewis host", () => {
    const system = getSystem("the-edge");
    expect(system?.authTypes.map((a) => a.id)).toEqual(["password"]);
    expect(system?.hints?.connection_refused).toContain("John Lewis");
  });
});
