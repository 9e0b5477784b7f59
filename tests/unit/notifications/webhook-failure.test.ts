import { BlockedAddressError } from "@/lib/health/address-guard";
import { describeFailure, isDeliveryLogText } from "@/lib/notifications/send-webhook";

// What undici and node:net throw, with the addresses they put in their messages.
const socketError = (code: string, message: string) =>
  Object.assign(new Error("fetch failed"), { name: "TypeError", cause: Object.assign(new Error(message), { code }) });

describe("webhook delivery log wording", () => {
  it.each([
    [
      new BlockedAddressError("hooks.customer.test", "10.20.30.40"),
      "Refused: the address is on a private or reserved network.",
    ],
    [socketError("ECONNREFUSED", "connect ECONNREFUSED 10.20.30.40:443"), "Connection refused."],
    [
      socketError("EHOSTUNREACH", "connect EHOSTUNREACH 10.20.30.40:443 - Local (172.17.0.2:51234)"),
      "The address cannot be reached.",
    ],
    [socketError("ENOTFOUND", "getaddrinfo ENOTFOUND hooks.customer.test"), "The host name does not resolve."],
    [
      socketError("ECONNRESET", "read ECONNRESET 10.20.30.40:443"),
      "The connection was closed before the endpoint answered.",
    ],
    [
      socketError("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate for 10.20.30.40"),
      "A secure (TLS) connection could not be established.",
    ],
    [
      Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }),
      "No answer within 10 s.",
    ],
    [
      socketError("ERR_SOMETHING_NEW", "weird failure talking to 10.20.30.40 (fd00::7)"),
      "The delivery failed (ERR_SOMETHING_NEW).",
    ],
    [new Error("socket hang up 10.20.30.40"), "The delivery failed."],
    [socketError("not a code 10.20.30.40", "x"), "The delivery failed."],
  ])("%s -> %s", (error, expected) => {
    const text = describeFailure(error, 10_000);
    expect(text).toBe(expected);
    expect(isDeliveryLogText(text)).toBe(true);
    expect(text).not.toMatch(/10\.20\.30\.40|172\.17|fd00|customer/);
  });

  it("recognises only our own wording (older log rows with socket text are not shown as is)", () => {
    expect(isDeliveryLogText("The endpoint answered HTTP 503.")).toBe(true);
    expect(
      isDeliveryLogText("Refused to connect to hooks.customer.test (10.20.30.40): private or reserved address"),
    ).toBe(false);
    expect(isDeliveryLogText("ECONNREFUSED: connect ECONNREFUSED 10.20.30.40:443")).toBe(false);
  });
});
