import { assertUrlAllowed, isBlockedAddress } from "@/lib/health";

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
  ])("allows %s", (ip) => expect(isBlockedAddress(ip)).toBe(false));
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
