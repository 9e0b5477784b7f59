import { getSystem } from "@/lib/systems";
import { itChecksSftpPasswordLogins, useSftpServer } from "@/tests/helpers/sftp-cases";

describe("bleckmann-sftp", () => {
  const server = useSftpServer();
  itChecksSftpPasswordLogins("bleckmann-sftp", server);

  it("offers password login only, as the contract says", () => {
    expect(getSystem("bleckmann-sftp")?.authTypes.map((a) => a.id)).toEqual(["password"]);
  });
});
