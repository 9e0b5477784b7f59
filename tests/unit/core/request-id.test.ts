/** @jest-environment node */
import { readable } from "@/lib/log";
import { requestIdFor } from "@/lib/request-id";

const withId = (id: string) => new Headers({ "x-request-id": id });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFor: one id per request", () => {
  it("keeps a well-formed id from a trusted proxy", () => {
    expect(requestIdFor(withId("abcdEF12-3456"), true)).toBe("abcdEF12-3456");
    expect(requestIdFor(withId("a".repeat(64)), true)).toBe("a".repeat(64));
  });

  it("makes its own when the id is malformed, too short or long, or when no trusted proxy sent it", () => {
    for (const id of ["short", "a".repeat(65), "has space 12345", "{json:1}-1234", "semi;colon-1234"])
      expect(requestIdFor(withId(id), true)).toMatch(UUID);
    expect(requestIdFor(withId("abcdEF12-3456"), false)).toMatch(UUID);
    expect(requestIdFor(new Headers(), true)).toMatch(UUID);
  });
});

describe("development log lines", () => {
  it("read as time, level, message, then the fields", () => {
    const line = JSON.stringify({
      level: "info",
      time: "2026-01-02T03:04:05.678Z",
      runId: "r-1",
      claimed: 3,
      byStatus: { healthy: 3 },
      msg: "health sweep finished",
    });
    expect(readable(line)).toBe(
      '03:04:05.678 INFO  health sweep finished  runId=r-1 claimed=3 byStatus={"healthy":3}\n',
    );
  });
});
