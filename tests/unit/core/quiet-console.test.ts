/** @jest-environment node */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { installQuietConsole } from "@/lib/log";

/** What Next.js prints when a page throws: the error object itself, handed to console.error. */
describe("installQuietConsole: errors Next.js logs for us", () => {
  const written: unknown[][] = [];
  const original = { error: console.error, warn: console.warn };

  beforeAll(() => {
    console.error = (...args: unknown[]) => void written.push(args);
    console.warn = (...args: unknown[]) => void written.push(args);
    installQuietConsole(true);
    installQuietConsole(true); // once only: a second call must not wrap twice
  });
  afterAll(() => Object.assign(console, original));
  beforeEach(() => (written.length = 0));

  it("writes a failed query as its code, without the statement, its parameters or a stack", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_uq"'), {
      code: "23505",
      constraint: "users_email_uq",
      severity: "ERROR",
    });
    const failed = new DrizzleQueryError(
      'select "password_hash" from "users" where "email" = $1',
      ["ada@example.com"],
      cause,
    );
    console.error(failed);
    const line = written.flat().join(" ");
    expect(line).toContain("23505");
    expect(line).not.toMatch(/select|password_hash|ada@example\.com|params|\n\s+at /);
  });

  it("in production, any thrown error is one line with its digest, no stack", () => {
    const error = Object.assign(new TypeError("x is undefined"), { digest: "123456" });
    console.warn("[page]", error);
    expect(written).toEqual([["[page]", "TypeError: x is undefined (digest 123456)"]]);
  });

  it("leaves other arguments alone", () => {
    console.error("plain text", 42);
    expect(written).toEqual([["plain text", 42]]);
  });
});
