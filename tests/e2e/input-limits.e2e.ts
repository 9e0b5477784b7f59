/**
 * Bad input against the production server: what only a real HTTP server shows (keep-alive after a refused upload,
 * Next's path decoding and server action body limit, pages rendering with hostile query strings).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, resultsDir } from "./browser";

const { hostname, port } = new URL(baseUrl);

/** Sign-in through next-auth's credentials endpoint: the session cookie for the demo administrator. */
async function sessionCookie(): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: DEMO_USERS[0].email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed with ${res.status}`);
  return session;
}

/** Writes raw bytes on one connection and collects everything the server sends until it closes or goes quiet. */
function rawExchange(
  write: (socket: net.Socket) => Promise<void>,
  quietMs = 1500,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = "";
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on("data", (d) => {
      text += d.toString("latin1");
      clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    });
    socket.on("close", () => done(true));
    socket.on("error", () => undefined); // a reset after the server closed is the expected end
    socket.on("connect", () => {
      write(socket).catch(reject);
    });
  });
}

const send = (socket: net.Socket, data: string | Buffer) =>
  new Promise<void>((resolve) => (socket.write(data) ? resolve() : socket.once("drain", resolve)));

describe("oversize bodies", () => {
  /** 1 MiB to the token endpoint (cap: a few KB), chunked or with its length declared, then a second request. */
  const oversizeUpload = (framing: "chunked" | "length") =>
    rawExchange(async (socket) => {
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const head = framing === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${64 * chunk.length}`;
      await send(
        socket,
        `POST /api/inbound/v1/token HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n${head}\r\nConnection: keep-alive\r\n\r\n`,
      );
      for (let i = 0; i < 64 && !socket.destroyed; i++)
        await send(
          socket,
          framing === "chunked"
            ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
            : chunk,
        );
      if (!socket.destroyed)
        await send(
          socket,
          `${framing === "chunked" ? "0\r\n\r\n" : ""}GET /api/inbound/v1/clients/pbc_aaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: x\r\n\r\n`,
        );
    });

  // Repeated: a client still sending when the server closes gets a reset, and one that meets it while writing never
  // reads the 413 already in its buffer (5 of 300 exchanges when the server stopped reading at the cap; none since it
  // reads the rest of the upload first).
  it.each(["chunked", "length"] as const)(
    "an upload over the token endpoint's cap (%s) is a 413 that closes the connection, every time; nothing else is read on it",
    async (framing) => {
      for (let round = 0; round < 20; round++) {
        const { text, closed } = await oversizeUpload(framing);
        expect(text).toMatch(/^HTTP\/1\.1 413 /);
        expect(text).toMatch(/\r\nconnection: close\r\n/i);
        expect(text).toContain("payload_too_large");
        // The next request on that connection is either answered properly or never read (the connection closed).
        const second = text.indexOf("HTTP/1.1", 10);
        if (second >= 0) expect(text.slice(second)).toMatch(/^HTTP\/1\.1 404 /);
        else expect(closed).toBe(true);
      }
    },
  );

  it("a declared Content-Length over the cap is a 413 that closes the connection, its body kept nowhere", async () => {
    const res = await fetch(`${baseUrl}/api/inbound/v1/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "client_id=pbc_x&client_secret=".padEnd(10_000, "a"),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });

  it("a server action body over 1 MB is a clear 413, not a 500", async () => {
    const cookie = await sessionCookie();
    const form = new FormData();
    form.set("name", "x".repeat(1_200_000));
    const res = await fetch(`${baseUrl}/settings/company-groups`, {
      method: "POST",
      headers: { cookie, "next-action": "0".repeat(42), accept: "text/x-component" },
      body: form,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/larger than 1 MB/);
    // The sign-up form is public (no session, outside the proxy's page matcher): the same limit applies.
    const signUp = await fetch(`${baseUrl}/signup`, {
      method: "POST",
      headers: { "next-action": "0".repeat(42), accept: "text/x-component" },
      body: form,
    });
    expect(signUp.status).toBe(413);
  });
});

describe("hostile addresses and query strings", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await sessionCookie();
  });

  it.each(["/connectors/%ZZ", "/connectors/%C0%AF/settings", "/connectors/not-a-uuid"])(
    "%s is the 404 page",
    async (path) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      expect(res.status).toBe(404);
    },
  );

  it.each(["/api/v1/connectors/%ZZ", "/api/inbound/v1/clients/%ZZ", "/api/v1/connectors/%E0%A4%A"])(
    "%s is a 404 JSON answer",
    async (path) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/json/);
    },
  );

  it.each([
    "/connectors?q=%00",
    "/connectors?q=a&q=b",
    "/connectors?q=%1B%5B31m",
    "/sync-reports?q=%00",
    "/sync-reports?to=9999-12-31",
    "/sync-reports?from=0001-01-01&to=%00",
  ])("%s renders", async (path) => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    expect(res.status).toBe(200);
  });

  it("a report export of an out-of-range date downloads completely", async () => {
    const res = await fetch(`${baseUrl}/sync-reports/export?to=9999-12-31`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect((await res.text()).split("\r\n")[0]).toMatch(/^[A-Za-z]/); // the header row, then a complete body
  });
});

describe("HTTP methods", () => {
  it.each(["/login", "/connectors", "/api/health", "/api/v1/connectors", "/icon.svg", "/no-such-page"])(
    "TRACE %s is a 405, not a 500 (Next.js cannot build a Request for it)",
    async (path) => {
      const { text } = await rawExchange((socket) =>
        send(socket, `TRACE ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`),
      );
      expect(text).toMatch(/^HTTP\/1\.1 405 /);
      expect(text).toMatch(/\r\nallow: GET, HEAD, POST\r\n/i);
    },
  );
});

describe("sign-in endpoints (next-auth needs a real request, so they are fuzzed here)", () => {
  // Few on purpose: each counts as a failed sign-in from this address, and the throttle must not lock out the other browser tests.
  const HOSTILE = ["admin@demo.patchbay.test\u0000", "a\u001b[31m\ud800@b.co", "x".repeat(5_000)];

  it("hostile e-mails and passwords are refused with the generic answer, never a 500", async () => {
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const jar = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    for (const [i, value] of HOSTILE.entries()) {
      const body = new URLSearchParams({
        csrfToken,
        email: value,
        password: HOSTILE[(i + 1) % HOSTILE.length],
        json: "true",
      });
      const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
        body,
      });
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toMatch(/Failed query|params:|node_modules|\n\s+at /);
    }
    await sessionCookie(); // a successful sign-in from this address
    for (const path of ["/api/auth/session?%ZZ", "/api/auth/providers", "/api/auth/%ZZ", "/api/auth/signin/%00"]) {
      expect((await fetch(`${baseUrl}${path}`, { redirect: "manual" })).status).toBeLessThan(500);
    }
  });

  it("only the endpoints the app uses reach next-auth: its own pages, its log endpoint and the rest are 404s", async () => {
    const answer = async (method: string, path: string) => {
      const res = await fetch(`${baseUrl}/api/auth/${path}`, {
        method,
        redirect: "manual",
        ...(method === "POST"
          ? {
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: "level=error&code=INJECTED_BY_A_STRANGER",
            }
          : {}),
      });
      return { status: res.status, location: res.headers.get("location"), body: await res.text() };
    };
    for (const [method, path] of [
      ["GET", "callback/credentials"], // was a 500 with next-auth's error text
      ["GET", "error"],
      ["GET", "verify-request"],
      ["GET", "signin/credentials"],
      ["GET", "nope"],
      ["POST", "_log"], // was a 200 that wrote what it was sent into the server's error log
      ["POST", "session"],
      ["POST", "csrf"],
      ["POST", "signin/credentials"],
    ]) {
      const { status, body } = await answer(method, path);
      expect([method, path, status, JSON.parse(body)]).toEqual([
        method,
        path,
        404,
        { error: { code: "not_found", message: "This sign-in endpoint was not found." } },
      ]);
    }
    // next-auth's own sign-out page (where it sends a sign-out whose form expired) is the app's sign-in page.
    const signOutPage = await answer("GET", "signout");
    expect([signOutPage.status, signOutPage.location]).toEqual([303, `${baseUrl}/login`]);
    // What the app's sign-in and sign-out use still answers.
    expect(JSON.parse((await answer("GET", "csrf")).body)).toEqual({ csrfToken: expect.any(String) });
    expect(JSON.parse((await answer("GET", "providers")).body)).toHaveProperty("credentials");
    expect((await answer("GET", "signin")).status).toBe(302);
    // Run by the test runner, the server's log is at hand: the requests are in it, what they carried is not.
    const logFile = path.join(resultsDir, "e2e-server.log");
    if (fs.existsSync(logFile)) {
      const text = fs.readFileSync(logFile, "utf8");
      expect(text).toMatch(/route[=":]+auth\b[^\n]*status[=":]+404/);
      expect(text).not.toContain("INJECTED_BY_A_STRANGER");
    }
  });
});
