import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { signInAttempts, users } from "@/db/schema";
import { authenticate, GENERIC_FAILURE, LIMITS, MAX_FAILURES, SIGN_IN_UNAVAILABLE } from "@/lib/auth/sign-in";
import { type AuthServer, startAuthServer } from "../../helpers/auth-server";
import { useTestDb } from "../../helpers/db";
import { createOrganisation, uniqueEmail } from "../../helpers/factories";

/** Every password verification, by the hash it was checked against: "evaluated" means one of these happened. */
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
const password = "correct horse battery";
const wrong = "wrong password!";
let n = 0;
const freshAddress = () => `198.18.${Math.floor(++n / 250)}.${n % 250}`;
const hashOf = async (userId: string) => (await db().select().from(users).where(eq(users.id, userId)))[0].passwordHash;
const evaluatedAgainst = (hash: string) => verifications.filter((h) => h === hash).length;
const THROTTLED = /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/;

describe("sign-in", () => {
  it("accepts the right password, case-insensitive e-mail", async () => {
    const { email, admin } = await createOrganisation(db());
    expect(await authenticate(db(), { email: email.toUpperCase(), password, address: freshAddress() })).toEqual({
      ok: true,
      userId: admin.id,
      sessionVersion: 0,
    });
  });

  it("gives one generic message for a wrong password and for an unknown e-mail", async () => {
    const { email } = await createOrganisation(db());
    const address = freshAddress();
    const wrongPassword = await authenticate(db(), { email, password: wrong, address });
    const unknown = await authenticate(db(), { email: "nobody@example.com", password, address });
    const malformed = await authenticate(db(), { email: "not an email", password: "", address });
    expect(wrongPassword).toEqual({ ok: false, message: GENERIC_FAILURE });
    expect(unknown).toEqual(wrongPassword);
    expect(malformed).toEqual(wrongPassword);
  });

  it("locks an (account, address) pair after the limit, right password included; the same account from another address still signs in", async () => {
    const { email } = await createOrganisation(db());
    const attacker = freshAddress();
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(await authenticate(db(), { email, password: wrong, address: attacker })).toEqual({
        ok: false,
        message: GENERIC_FAILURE,
      });
    const blocked = await authenticate(db(), { email, password, address: attacker });
    expect(blocked).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many failed sign-ins.*15 minutes/),
    });
    // The legitimate user, elsewhere, is not locked out by the attacker.
    expect(await authenticate(db(), { email, password, address: freshAddress() })).toMatchObject({ ok: true });
    // Nor is anyone else behind the attacker's address (an office behind one NAT).
    const colleague = await createOrganisation(db());
    expect(await authenticate(db(), { email: colleague.email, password, address: attacker })).toMatchObject({
      ok: true,
    });
  });

  it("the throttle answer is the same for an unknown e-mail as for an account (no enumeration)", async () => {
    const { email } = await createOrganisation(db());
    const address = freshAddress();
    const answers: string[] = [];
    for (const e of [email, uniqueEmail("nobody")]) {
      for (let i = 0; i < MAX_FAILURES; i++) await authenticate(db(), { email: e, password: wrong, address });
      const r = await authenticate(db(), { email: e, password: wrong, address });
      answers.push(r.ok ? "ok" : r.message);
    }
    expect(answers[0]).toMatch(THROTTLED);
    expect(answers[1]).toBe(answers[0]);
  });

  it("a success clears only that account's failures from that address: the attacker's own sign-ins never reset the victim's count", async () => {
    const victim = await createOrganisation(db());
    const attacker = await createOrganisation(db());
    const address = freshAddress();
    const victimHash = await hashOf(victim.admin.id);
    verifications.length = 0;
    const answers: string[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < MAX_FAILURES - 1; i++) {
        const r = await authenticate(db(), { email: victim.email, password: `guess ${round}-${i}`, address });
        answers.push(r.ok ? "ok" : r.message);
      }
      expect(await authenticate(db(), { email: attacker.email, password, address })).toMatchObject({ ok: true });
    }
    expect(evaluatedAgainst(victimHash)).toBe(MAX_FAILURES);
    expect(answers.filter((a) => a === GENERIC_FAILURE)).toHaveLength(MAX_FAILURES);
    expect(answers.filter((a) => THROTTLED.test(a))).toHaveLength(10 * (MAX_FAILURES - 1) - MAX_FAILURES);
    // The victim's own success from their address clears their count there, and only there.
    const home = freshAddress();
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await authenticate(db(), { email: victim.email, password: wrong, address: home });
    expect(await authenticate(db(), { email: victim.email, password, address: home })).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await authenticate(db(), { email: victim.email, password: wrong, address: home });
    expect(await authenticate(db(), { email: victim.email, password, address: home })).toMatchObject({ ok: true });
    expect(await authenticate(db(), { email: victim.email, password, address })).toMatchObject({
      ok: false,
      message: expect.stringMatching(THROTTLED),
    });
  });

  it("50 concurrent guesses evaluate no more passwords than the limit", async () => {
    const { email, admin } = await createOrganisation(db());
    const hash = await hashOf(admin.id);
    verifications.length = 0;
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => authenticate(db(), { email, password: `concurrent ${i}`, address })),
    );
    expect(evaluatedAgainst(hash)).toBeLessThanOrEqual(MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.message === GENERIC_FAILURE).length).toBe(evaluatedAgainst(hash));
    expect(results.filter((r) => !r.ok && THROTTLED.test(r.message)).length).toBe(50 - evaluatedAgainst(hash));
  });

  it("an account attacked from many addresses is evaluated at most its ceiling in all", async () => {
    const { email, admin } = await createOrganisation(db());
    const hash = await hashOf(admin.id);
    verifications.length = 0;
    for (let i = 0; i < LIMITS.account.limit + 20; i++)
      await authenticate(db(), { email, password: `spread ${i}`, address: freshAddress() });
    expect(evaluatedAgainst(hash)).toBe(LIMITS.account.limit);
  });

  it("one address spraying many e-mails is evaluated at most its ceiling", async () => {
    const address = freshAddress();
    verifications.length = 0;
    const results = await Promise.all(
      Array.from({ length: LIMITS.address.limit + 30 }, (_, i) =>
        authenticate(db(), { email: `spray.${i}.${n}@example.com`, password: wrong, address }),
      ),
    );
    expect(verifications.length).toBe(LIMITS.address.limit);
    expect(results.filter((r) => !r.ok && THROTTLED.test(r.message))).toHaveLength(30);
  });

  it("a database fault answers one generic sentence: no statement, parameter or driver text", async () => {
    // A stand-in whose every method throws what a failed query throws: not a Db, so it is cast at the call.
    const failing = new Proxy<object>(
      {},
      {
        get: () => () => {
          throw new Error(
            'Failed query: select "address", "failures" from "sign_in_failures" where "address" = $1\nparams: 127.0.0.1,1',
          );
        },
      },
    ) as Db;
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await authenticate(failing, { email: "a@b.co", password, address: "127.0.0.1" })).toEqual({
        ok: false,
        message: SIGN_IN_UNAVAILABLE,
      });
    } finally {
      log.mockRestore();
    }
  });
});

describe("sign-in through next-auth over HTTP", () => {
  let server: AuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  it("100 guesses with a new X-Forwarded-For each: the header is ignored and no more than the limit is evaluated", async () => {
    const { email, admin } = await createOrganisation(db());
    const hash = await hashOf(admin.id);
    verifications.length = 0;
    const errors: (string | null)[] = [];
    for (let i = 0; i < 100; i++) {
      const headers = {
        "x-forwarded-for": `203.0.${Math.floor(i / 200)}.${i % 200}`,
        "x-real-ip": `192.0.2.${i % 200}`,
        "x-patchbay-peer": `forged 10.0.0.${i}`,
      };
      errors.push((await server.signIn(server.jar(), email, i === 99 ? password : `guess ${i}`, headers)).error);
    }
    expect(evaluatedAgainst(hash)).toBe(MAX_FAILURES);
    expect(errors.slice(0, MAX_FAILURES)).toEqual(Array(MAX_FAILURES).fill(GENERIC_FAILURE));
    // Even the right password, on the 100th try, is refused: the address did not change.
    expect(errors[99]).toMatch(THROTTLED);
    // What was counted is the socket's address, not any header the client sent.
    const keys = (await db().select().from(signInAttempts))
      .map((r) => r.key)
      .filter((k) => k.startsWith("pair:") && k.includes(email));
    expect(keys).toEqual([`pair:${email} 127.0.0.1`]);
  });

  it("50 concurrent guesses over HTTP evaluate no more than the limit", async () => {
    const { email, admin } = await createOrganisation(db());
    const hash = await hashOf(admin.id);
    verifications.length = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        server.signIn(server.jar(), email, `parallel ${i}`, { "x-forwarded-for": `203.0.113.${i}` }),
      ),
    );
    expect(evaluatedAgainst(hash)).toBeLessThanOrEqual(MAX_FAILURES);
    expect(results.filter((r) => r.error === GENERIC_FAILURE).length).toBe(evaluatedAgainst(hash));
    expect(results.every((r) => !r.ok)).toBe(true);
  });
});
