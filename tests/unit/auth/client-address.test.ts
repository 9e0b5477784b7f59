import http from "node:http";
import type { AddressInfo } from "node:net";
import { clientAddress, installPeerAddressHook, throttleAddress } from "@/lib/auth/client-address";

/** The headers a request arrives with at a server that has the hook installed, sent from loopback with `sent` headers. */
async function arrivingHeaders(sent: Record<string, string>): Promise<http.IncomingHttpHeaders> {
  installPeerAddressHook();
  let seen: http.IncomingHttpHeaders = {};
  const server = http.createServer((req, res) => {
    seen = req.headers;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  try {
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: sent });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  return seen;
}

const direct = { trustedProxyHops: 0, vercel: false };

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's address whatever X-Forwarded-For, X-Real-IP or a forged stamp say", async () => {
    const headers = await arrivingHeaders({
      "x-forwarded-for": "203.0.113.9",
      "x-real-ip": "203.0.113.10",
      "x-patchbay-peer": "guess 203.0.113.11",
    });
    expect(clientAddress(headers, direct)).toBe("127.0.0.1");
  });

  it("without the server's stamp, a client-supplied one is not believed", () => {
    expect(
      clientAddress({ "x-patchbay-peer": "0123456789abcdef 203.0.113.11", "x-forwarded-for": "203.0.113.9" }, direct),
    ).toBe("unknown");
  });

  it("behind N trusted proxies, takes the Nth address from the right of X-Forwarded-For", async () => {
    const headers = await arrivingHeaders({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" });
    expect(clientAddress(headers, { trustedProxyHops: 1, vercel: false })).toBe("10.0.0.2");
    expect(clientAddress(headers, { trustedProxyHops: 2, vercel: false })).toBe("198.51.100.7");
    // Fewer entries than hops: the farthest one there is; nothing parseable: the socket.
    expect(clientAddress(headers, { trustedProxyHops: 5, vercel: false })).toBe("6.6.6.6");
    expect(clientAddress({ ...headers, "x-forwarded-for": "not-an-ip" }, { trustedProxyHops: 1, vercel: false })).toBe(
      "127.0.0.1",
    );
  });

  it("on Vercel, uses the platform's header", () => {
    expect(
      clientAddress(
        { "x-vercel-forwarded-for": "198.51.100.20", "x-forwarded-for": "6.6.6.6" },
        { trustedProxyHops: 0, vercel: true },
      ),
    ).toBe("198.51.100.20");
    expect(clientAddress({ "x-real-ip": "198.51.100.21" }, { trustedProxyHops: 0, vercel: true })).toBe(
      "198.51.100.21",
    );
  });

  it("normalises IPv4-mapped IPv6 and counts IPv6 per /64", () => {
    expect(clientAddress({ "x-forwarded-for": "::ffff:192.0.2.1" }, { trustedProxyHops: 1, vercel: false })).toBe(
      "192.0.2.1",
    );
    expect(throttleAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(throttleAddress("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8:1:2::99")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("unknown")).toBe("unknown");
  });
});
