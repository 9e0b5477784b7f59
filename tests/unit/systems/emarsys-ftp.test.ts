import { getSystem } from "@/lib/systems";
import { itChecksFtpLogins } from "@/tests/helpers/ftp-cases";

describe("emarsys-ftp", () => {
  itChecksFtpLogins("emarsys-ftp");

  it("says the FTP account is not the Emarsys API user when the login is rejected", () => {
    expect(getSystem("emarsys-ftp")?.hints?.invalid_credentials).toContain("not the Emarsys API user");
  });
});
