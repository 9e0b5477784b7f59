import type { NetworkInterfaceInfo } from "node:os";
import { assertUrlAllowed, isBlockedAddress } from "@/lib/health";

// This machine's interfaces, as the guard reads them: the real ones unless a test sets its own.
let mockInterfaces: NodeJS.Dict<NetworkInterfaceInfo[]> | null = null;
jest.mock("node:os", () => {
  const actual = jest.requireActual<typeof import("node:os")>("node:os");
  return { ...actual, networkInterfaces: () => mockInterfaces ?? actual.networkInterfaces() };
});

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.0.1",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "239.255.255.250",
    "::",
    "::1",
    "fe80::1",
    "fd00:ec2::254",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "[::ffff:192.168.0.1]",
    "::127.0.0.1",
    "::ffff:0:127.0.0.1",
    "64:ff9b::10.0.0.1",
    "2002:7f00:1::",
    "fe80::1%eth0",
    // Documentation, relay, discard and protocol-assignment ranges: never a vendor's address.
    "192.0.2.2",
    "198.51.100.7",
    "203.0.113.10",
    "192.88.99.1",
    "::ffff:203.0.113.10",
    "2001:db8::1",
    "3fff::1",
    "100::1",
    "2001::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "64:ff9b:1::a00:1",
    "fec0::1",
    "5f00::1",
    "not an ip",
    "",
  ])("blocks %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "23.227.38.65",
    "100.63.255.255",
    "100.128.0.1",
    "172.32.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "2002:808:808::",
    "192.0.3.1",
    "203.0.114.1",
    "2001:4860:4860::8888",
  ])("allows %s", (ip) => expect(isBlockedAddress(ip)).toBe(false));

  describe("this machine's own addresses", () => {
    const iface = (address: string, family: "IPv4" | "IPv6") =>
      ({ address, family, netmask: "", mac: "", internal: false, cidr: null }) as NetworkInterfaceInfo;
    afterEach(() => {
      mockInterfaces = null;
      jest.useRealTimers();
    });

    it("are blocked, public ones included, and a new one is seen within 30 s", () => {
      jest.useFakeTimers();
      jest.advanceTimersByTime(24 * 3600_000); // past any reading an earlier test left
      expect(isBlockedAddress("198.41.0.4")).toBe(false);
      mockInterfaces = { eth0: [iface("198.41.0.4", "IPv4"), iface("2001:500:200::b", "IPv6")] };
      jest.advanceTimersByTime(31_000);
      expect(isBlockedAddress("198.41.0.4")).toBe(true);
      expect(isBlockedAddress("::ffff:198.41.0.4")).toBe(true);
      expect(isBlockedAddress("2001:500:200::b")).toBe(true);
      expect(isBlockedAddress("198.41.0.5")).toBe(false);
      mockInterfaces = null;
      jest.advanceTimersByTime(31_000);
      expect(isBlockedAddress("198.41.0.4")).toBe(false);
    });

    it("include every address of the interfaces this test runs on", () => {
      const { networkInterfaces } = jest.requireActual<typeof import("node:os")>("node:os");
      const all = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((e) => e.address));
      expect(all.length).toBeGreaterThan(0);
      for (const address of all) expect([address, isBlockedAddress(address)]).toEqual([address, true]);
    });
  });
});

describe("assertUrlAllowed", () => {
  const blocked =
    (url: string, policy = {}) =>
    () =>
      assertUrlAllowed(new URL(url), policy);

  it("refuses literal private IPs, localhost names and non-HTTP schemes", () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://[::1]:8080/",
      "http://2130706433/",
      "http://0x7f.1/",
      "https://169.254.169.254/latest",
      "http://localhost/",
      "http://api.localhost/",
      "file:///etc/passwd",
      "ftp://example.com/",
    ]) {
      expect(blocked(url)).toThrow(expect.objectContaining({ code: "ERR_BLOCKED_ADDRESS" }));
    }
  });

  it("lets public names through (they are checked again at connect time)", () => {
    expect(blocked("https://my-shop.myshopify.com/admin")).not.toThrow();
  });

  it("is lifted by allowPrivateNetworks and, per exact origin, by allowedOrigins", () => {
    expect(blocked("http://127.0.0.1:3000/x", { allowPrivateNetworks: true })).not.toThrow();
    expect(blocked("http://127.0.0.1:3000/x", { allowedOrigins: ["http://127.0.0.1:3000"] })).not.toThrow();
    expect(blocked("http://127.0.0.1:3001/x", { allowedOrigins: ["http://127.0.0.1:3000"] })).toThrow();
  });
});
