/**
 * Sessions end server-side: a cookie copied before sign-out, a password change or the user's removal opens nothing
 * afterwards. Sign-in, /api/auth/session and sign-out are next-auth's real handlers over HTTP (with the app's options);
 * pages and actions read the session through getCurrentUser/requireUser, fed the replayed cookie.
 */
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { changePasswordAction } from "@/lib/actions/account";
import { removeUserAction } from "@/lib/actions/users";
import { getCurrentUser } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/session-token";
import { authenticate } from "@/lib/auth/sign-in";
import { initialFormState } from "@/lib/form-state";
import { type AuthServer, startAuthServer } from "../../helpers/auth-server";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";

/** The cookies next/headers would give the page or action: a copy of one browser's jar. */
let browser = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: () =>
    Promise.resolve({
      get: (name: string) => (browser.has(name) ? { name, value: browser.get(name)! } : undefined),
      getAll: () => [...browser].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void browser.set(name, value),
    }),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = useTestDb();
const password = "correct horse battery";
let server: AuthServer;
beforeAll(async () => {
  server = await startAuthServer();
});
afterAll(() => server.close());

// Every check gets its own copy of a jar: next-auth clears an ended session's cookie in its answer, and a later check
// must still replay the cookie, not find it gone.

/** As a page or a server action sees the request made with `jar`'s cookies. */
async function asPage(jar: Map<string, string>) {
  browser = new Map(jar);
  return getCurrentUser();
}
async function asAction(
  jar: Map<string, string>,
  action: (prev: typeof initialFormState, data: FormData) => Promise<unknown>,
  fields: Record<string, string>,
) {
  browser = new Map(jar);
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return action(initialFormState, data).then(
    (state) => ({ state, redirectedTo: undefined as string | undefined }),
    (error: unknown) => {
      const to = /^NEXT_REDIRECT;[^;]*;([^;]*);/.exec((error as { digest?: string }).digest ?? "")?.[1];
      if (!to) throw error;
      return { state: undefined, redirectedTo: to };
    },
  );
}

async function signedIn(email: string) {
  const jar = server.jar();
  expect(await server.signIn(jar, email, password)).toEqual({ ok: true, error: null });
  expect(jar.get(sessionCookieName())).toBeTruthy();
  return jar;
}

describe("sessions end server-side", () => {
  it("sign-out ends the session for a replayed cookie: pages, server actions and /api/auth/session", async () => {
    const { email, admin } = await createOrganisation(db());
    const jar = await signedIn(email);
    const copy = new Map(jar);
    expect((await server.session(new Map(copy))).user?.id).toBe(admin.id);
    expect((await asPage(copy))?.id).toBe(admin.id);

    await server.signOut(jar);
    expect(jar.get(sessionCookieName())).toBeUndefined();

    expect(await server.session(new Map(copy))).toEqual({});
    expect(await asPage(copy)).toBeNull();
    const replay = await asAction(copy, changePasswordAction, {
      currentPassword: password,
      newPassword: "attacker chosen pw",
    });
    expect(replay).toEqual({ state: undefined, redirectedTo: "/login" });
    // The action did nothing: the password is unchanged.
    expect(await authenticate(db(), { email, password, address: "192.0.2.50" })).toMatchObject({ ok: true });
    // Signing in again works as usual.
    expect((await asPage(await signedIn(email)))?.id).toBe(admin.id);
  });

  it("a password change ends every other session; the device it was made on stays signed in", async () => {
    const { orgId } = await createOrganisation(db());
    const member = await createMember(db(), orgId, "user");
    const laptop = await signedIn(member.email);
    const phone = await signedIn(member.email);
    const stolen = new Map(phone);

    const { state } = await asAction(laptop, changePasswordAction, {
      currentPassword: password,
      newPassword: "a brand new password",
    });
    expect(state).toMatchObject({ ok: true });
    const renewedLaptop = new Map(browser); // the action set a fresh session cookie on the laptop

    expect(await server.session(new Map(stolen))).toEqual({});
    expect(await asPage(stolen)).toBeNull();
    expect(await asPage(phone)).toBeNull();
    expect((await asPage(renewedLaptop))?.id).toBe(member.id);
    expect((await server.session(new Map(renewedLaptop))).user?.id).toBe(member.id);
    expect(
      await authenticate(db(), { email: member.email, password: "a brand new password", address: "192.0.2.51" }),
    ).toMatchObject({ ok: true });
    expect(await authenticate(db(), { email: member.email, password, address: "192.0.2.51" })).toMatchObject({
      ok: false,
    });
  });

  it("a password change needs the current password, names the field, and changes nothing otherwise", async () => {
    const { orgId } = await createOrganisation(db());
    const member = await createMember(db(), orgId, "read_only");
    const jar = await signedIn(member.email);
    const [before] = await db().select().from(users).where(eq(users.id, member.id));
    const { state } = await asAction(jar, changePasswordAction, {
      currentPassword: "not my password",
      newPassword: "a brand new password",
    });
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["The current password is not right."] },
    });
    expect(JSON.stringify(state)).not.toContain("a brand new password");
    const short = await asAction(jar, changePasswordAction, { currentPassword: password, newPassword: "short" });
    expect(short.state).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: [expect.stringMatching(/at least 10/)] },
    });
    const [after] = await db().select().from(users).where(eq(users.id, member.id));
    expect(after).toEqual(before);
    expect((await asPage(jar))?.id).toBe(member.id);
  });

  it("removing a user ends their sessions: /api/auth/session answers nothing, pages and actions refuse", async () => {
    const { orgId, email: adminEmail } = await createOrganisation(db());
    const member = await createMember(db(), orgId, "manager");
    const memberJar = await signedIn(member.email);
    expect((await server.session(new Map(memberJar))).user?.id).toBe(member.id);

    const adminJar = await signedIn(adminEmail);
    const { state } = await asAction(adminJar, removeUserAction, { userId: member.id });
    expect(state).toMatchObject({ ok: true });

    expect(await server.session(new Map(memberJar))).toEqual({});
    expect(await asPage(memberJar)).toBeNull();
    expect(
      await asAction(memberJar, changePasswordAction, { currentPassword: password, newPassword: "whatever password" }),
    ).toEqual({ state: undefined, redirectedTo: "/login" });
  });

  it("a cookie that is not a current session of this app opens nothing", async () => {
    const { email } = await createOrganisation(db());
    const jar = await signedIn(email);
    const tampered = new Map(jar).set(sessionCookieName(), `${jar.get(sessionCookieName())!.slice(0, -4)}AAAA`);
    expect(await asPage(tampered)).toBeNull();
    expect(await server.session(new Map(tampered))).toEqual({});
  });
});
