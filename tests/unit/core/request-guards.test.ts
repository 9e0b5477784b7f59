import { NextRequest } from "next/server";
import { hasMalformedEncoding, MAX_ACTION_BODY_BYTES, refuseMalformedRequest } from "@/lib/http/request-guards";

describe("request guards (run by the proxy before Next routes a request)", () => {
  it("finds percent-encoding that does not decode to UTF-8", () => {
    for (const bad of ["/connectors/%ZZ", "/a/%C0%AF", "/api/v1/connectors/%E0%A4%A", "/%"])
      expect(hasMalformedEncoding(bad)).toBe(true);
    for (const good of ["/connectors/0f8e7c6b-5a49-4382-9170-6f5e4d3c2b1a", "/a/%20b", "/caf%C3%A9", "/"])
      expect(hasMalformedEncoding(good)).toBe(false);
  });

  it("answers a malformed API path with a 404 JSON error (a page path is the proxy's: see proxy.test.ts)", async () => {
    const api = refuseMalformedRequest(new NextRequest("http://localhost/api/v1/connectors/%ZZ"))!;
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expect(refuseMalformedRequest(new NextRequest("http://localhost/connectors/%ZZ"))).toBeUndefined();
  });

  it("refuses a server action post declaring more than 1 MB with a 413 that closes the connection", async () => {
    const post = (length: number, action = true) =>
      refuseMalformedRequest(
        new NextRequest("http://localhost/settings/users", {
          method: "POST",
          headers: { "content-length": String(length), ...(action ? { "next-action": "abc" } : {}) },
        }),
      );
    const refused = post(MAX_ACTION_BODY_BYTES + 1)!;
    expect(refused.status).toBe(413);
    expect(refused.headers.get("connection")).toBe("close");
    expect(await refused.text()).toMatch(/larger than 1 MB/);
    expect(post(MAX_ACTION_BODY_BYTES)).toBeUndefined();
    expect(post(MAX_ACTION_BODY_BYTES * 5, false)).toBeUndefined();
  });
});
