import { authenticate, GENERIC_FAILURE, MAX_FAILURES } from "@/lib/auth/sign-in";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const password = "correct horse battery";

describe("sign-in", () => {
  it("accepts the right password, case-insensitive e-mail", async () => {
    const { email, admin } = await createOrganisation(db());
    expect(await authenticate(db(), { email: email.toUpperCase(), password, address: "203.0.113.1" })).toEqual({ ok: true, userId: admin.id });
  });

  it("gives one generic message for a wrong password and for an unknown e-mail", async () => {
    const { email } = await createOrganisation(db());
    const wrongPassword = await authenticate(db(), { email, password: "wrong password!", address: "203.0.113.2" });
    const unknown = await authenticate(db(), { email: "nobody@example.com", password, address: "203.0.113.2" });
    const malformed = await authenticate(db(), { email: "not an email", password: "", address: "203.0.113.2" });
    expect(wrongPassword).toEqual({ ok: false, message: GENERIC_FAILURE });
    expect(unknown).toEqual(wrongPassword);
    expect(malformed).toEqual(wrongPassword);
  });

  it("slows down an address after repeated failures, even for the right password; other addresses are unaffected", async () => {
    const { email } = await createOrganisation(db());
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(db(), { email, password: "wrong password!", address: "198.51.100.7" });
    const blocked = await authenticate(db(), { email, password, address: "198.51.100.7" });
    expect(blocked).toMatchObject({ ok: false, message: expect.stringMatching(/Too many failed sign-ins.*15 minutes/) });
    expect(await authenticate(db(), { email, password, address: "198.51.100.8" })).toMatchObject({ ok: true });
  });

  it("a success clears earlier failures", async () => {
    const { email } = await createOrganisation(db());
    for (let i = 0; i < MAX_FAILURES - 1; i++) await authenticate(db(), { email, password: "wrong password!", address: "192.0.2.9" });
    expect(await authenticate(db(), { email, password, address: "192.0.2.9" })).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await authenticate(db(), { email, password: "wrong password!", address: "192.0.2.9" });
    expect(await authenticate(db(), { email, password, address: "192.0.2.9" })).toMatchObject({ ok: true });
  });
});
