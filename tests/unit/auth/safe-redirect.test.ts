import fc from "fast-check";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "@/lib/auth/safe-redirect";

const APP = "https://app.patchbay.test";

/** Where a browser would go with `target` as the Location of a page of the app (WHATWG URL parsing, as browsers do). */
const landsOn = (target: string) => new URL(target, `${APP}/login`).origin;

const HOSTILE = [
  "//evil.example",
  "//evil.example/path",
  "///evil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%5C127.0.0.2:18080/pwned",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%252F%252Fevil.example",
  "/%255Cevil.example",
  "/./..//evil.example",
  "/a/../..//evil.example",
  "/%2e%2e//evil.example",
  "http://evil.example",
  "https://evil.example/connectors",
  "HTTPS://evil.example",
  "https:evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "@evil.example",
  "/@evil.example/../..//evil.example",
  "https://app.patchbay.test@evil.example/",
  "https://app.patchbay.test.evil.example/",
  "http://app.patchbay.test/",
  "https://app.patchbay.test:444/",
  "\u0000/evil",
  "/\u0000//evil.example",
  " //evil.example",
  "\t//evil.example",
  "/\u3000/evil.example",
  "/\ufeff/evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(HOSTILE)("refuses %j", (input) => {
    expect(safeCallbackPath(input, APP)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it.each([
    ["/connectors", "/connectors"],
    ["/settings/users?tab=1#top", "/settings/users?tab=1#top"],
    ["/sync-reports?q=a%20b&from=2026-01-01", "/sync-reports?q=a%20b&from=2026-01-01"],
    ["/connectors?next=%2F%2Fx", "/connectors?next=%2F%2Fx"],
    ["https://app.patchbay.test/connectors/abc?x=1", "/connectors/abc?x=1"],
  ])("keeps the app's own path %j", (input, expected) => {
    expect(safeCallbackPath(input, APP)).toBe(expected);
  });

  it("refuses non-strings and absurd lengths", () => {
    for (const input of [undefined, null, 42, ["/connectors"], { toString: () => "/x" }, `/${"a".repeat(5000)}`])
      expect(safeCallbackPath(input, APP)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  const piece = fc.constantFrom(
    "/",
    "\\",
    "//",
    "%5C",
    "%5c",
    "%2F",
    "%2f",
    "%09",
    "%0a",
    "%25",
    "\t",
    "\n",
    " ",
    ".",
    "..",
    "@",
    ":",
    "evil.example",
    "app.patchbay.test",
    "http:",
    "https:",
    "javascript:",
    "?",
    "#",
    "%2e",
    "\u0000",
    "\u3000",
  );
  const hostileish = fc
    .array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 })
    .map((parts) => parts.join(""));

  it("whatever the input, the answer is a path that stays on the app's origin, also once decoded (fast-check)", () => {
    fc.assert(
      fc.property(fc.oneof(hostileish, fc.string(), fc.webUrl(), fc.webPath()), (input) => {
        const out = safeCallbackPath(input, APP);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(landsOn(out)).toBe(APP);
        // Decoded again by anything downstream, it still stays on the app.
        let decoded = out;
        try {
          decoded = decodeURIComponent(out);
        } catch {
          // not decodable: checked as it is
        }
        expect(landsOn(decoded.replace(/[\t\n\r]/g, ""))).toBe(APP);
      }),
      { numRuns: 5000 },
    );
  });
});
