/**
 * Nothing one organisation types can tell it what another organisation has: every name that must be unique is unique
 * per organisation only, so a name used elsewhere is accepted exactly like a new one. (E-mail addresses and sandbox
 * keys are global; their answers are covered in accounts/sign-up, accounts/users and sandbox tests.)
 */
import { addCompanyGroup } from "@/lib/accounts/company-groups";
import { createApiToken } from "@/lib/api-tokens/manage";
import { createConnector } from "@/lib/connectors/create";
import { createNotificationGroup } from "@/lib/notifications/groups";
import { authenticate, GENERIC_FAILURE } from "@/lib/auth/sign-in";
import { useTestDb } from "../../helpers/db";
import { createOrganisation, uniqueEmail } from "../../helpers/factories";

const verifications: string[] = [];
jest.mock("@/lib/auth/password", () => {
  const actual = jest.requireActual<typeof import("@/lib/auth/password")>("@/lib/auth/password");
  return {
    ...actual,
    verifyPassword: (password: string, hash: string) => (
      verifications.push(hash),
      actual.verifyPassword(password, hash)
    ),
  };
});

const db = useTestDb();
const inbound = (name: string) => ({
  systemId: "inbound-api",
  authType: "platform",
  environment: "live" as const,
  name,
  timeZone: "UTC",
  dateFormat: "yyyy-MM-dd HH:mm" as const,
  saveOffline: false,
  credentials: {},
});

describe("names another organisation uses", () => {
  it("connector, company group, notification group and API token names taken elsewhere are accepted like new ones", async () => {
    const mine = await createOrganisation(db());
    const theirs = await createOrganisation(db());
    await createConnector(db(), theirs.admin, inbound("Secret Orders Feed"));
    await addCompanyGroup(db(), theirs.admin, { name: "Secret Brand" });
    await createNotificationGroup(db(), theirs.admin, { name: "Secret On Call" });
    await createApiToken(db(), theirs.admin, { name: "Secret Engine" });

    await expect(createConnector(db(), mine.admin, inbound("secret orders feed"))).resolves.toMatchObject({
      id: expect.any(String),
    });
    await expect(addCompanyGroup(db(), mine.admin, { name: "SECRET BRAND" })).resolves.toBeTruthy();
    await expect(createNotificationGroup(db(), mine.admin, { name: "Secret On Call" })).resolves.toBeTruthy();
    await expect(createApiToken(db(), mine.admin, { name: "Secret Engine" })).resolves.toBeTruthy();
    // Within one organisation, the same names are refused (the check is real, and scoped).
    await expect(createConnector(db(), mine.admin, inbound("Secret Orders Feed"))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(addCompanyGroup(db(), mine.admin, { name: "Secret Brand" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(createNotificationGroup(db(), mine.admin, { name: "secret on call" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("sign-in checks a password for an unknown e-mail too (same work, same answer)", async () => {
    const { email } = await createOrganisation(db());
    verifications.length = 0;
    const known = await authenticate(db(), { email, password: "wrong password!", address: "198.19.0.1" });
    const unknown = await authenticate(db(), {
      email: uniqueEmail("ghost"),
      password: "wrong password!",
      address: "198.19.0.1",
    });
    expect(unknown).toEqual(known);
    expect(known).toEqual({ ok: false, message: GENERIC_FAILURE });
    expect(verifications).toHaveLength(2);
  });
});
