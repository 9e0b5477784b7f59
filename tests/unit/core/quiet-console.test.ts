/** @jest-environment node */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { installQuietConsole } from "@/lib/log";
import { captureLogs, type CapturedLogs } from "@/tests/helpers/captured-logs";

/**
 * What Next.js prints when a page throws: the error object itself, handed to console.error. In production the line
 * goes through the logger as JSON; nothing reaches the console's own output.
 */
describe("installQuietConsole: errors Next.js logs for us (production)", () => {
  const written: unknown[][] = [];
  const original = { error: console.error, warn: console.warn };
  let logs: CapturedLogs;

  beforeAll(() => {
    console.error = (...args: unknown[]) => void written.push(args);
    console.warn = (...args: unknown[]) => void written.push(args);
    installQuietConsole(true);
    installQuietConsole(true); // once only: a second call must not wrap twice
    logs = captureLogs("info");
  });
  afterAll(() => {
    logs.restore();
    Object.assign(console, original);
  });
  beforeEach(() => {
    written.length = 0;
    logs.clear();
  });

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
    expect(written).toEqual([]);
    const line = logs.lines.join("");
    expect(logs.entries()).toMatchObject([{ level: "error", source: "console" }]);
    expect(line).toContain("23505");
    expect(line).not.toMatch(/select|password_hash|ada@example\.com|params|\n\s+at /);
  });

  it("in production, any thrown error is one line with its digest, no stack", () => {
    const error = Object.assign(new TypeError("x is undefined"), { digest: "123456" });
    console.warn("[page]", error);
    expect(written).toEqual([]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: "warn",
        source: "console",
        msg: "[page] TypeError: x is undefined (digest 123456)",
      }),
    ]);
  });

  it("writes other arguments as the console would, as one JSON line", () => {
    console.error("plain text", 42);
    expect(written).toEqual([]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({ level: "error", source: "console", msg: "plain text 42" }),
    ]);
  });
});
