import type { CheckResult, EngineOptions } from "@/lib/health";
import { json, refusedDispatcher, slow, type Emulator } from "./vendor-mock";

/**
 * The outage cases every HTTP probe must get right, whatever the vendor: 5xx, connection refused,
 * an answer slower than the deadline, and 429 with Retry-After. Call inside a describe() whose
 * beforeEach starts the emulator; `check` runs the system's check with the given options.
 */
export function itHandlesVendorOutages(
  emulator: () => Emulator,
  check: (options: EngineOptions) => Promise<CheckResult>,
): void {
  it("is unreachable when the vendor answers 5xx", async () => {
    emulator().handle((_req, res) => json(res, 503, { error: "Service Unavailable" }));
    expect(await check({ dispatcher: emulator().dispatcher })).toMatchObject({
      status: "unreachable",
      reason: "http_5xx",
      httpStatus: 503,
    });
  });

  it("is unreachable when the connection is refused", async () => {
    const dispatcher = await refusedDispatcher();
    try {
      expect(await check({ dispatcher })).toMatchObject({ status: "unreachable", reason: "connection_refused" });
    } finally {
      await dispatcher.destroy();
    }
  });

  it("times out when the vendor answers too slowly", async () => {
    emulator().handle(slow(2000, (_req, res) => json(res, 200, {})));
    const result = await check({ dispatcher: emulator().dispatcher, timeoutMs: 300 });
    expect(result).toMatchObject({ status: "unreachable", reason: "timeout" });
    expect(result.latencyMs).toBeLessThan(1500);
  });

  it("treats 429 as reached but throttled, honouring Retry-After", async () => {
    emulator().handle((_req, res) => json(res, 429, { error: "Too Many Requests" }, { "retry-after": "7" }));
    expect(await check({ dispatcher: emulator().dispatcher })).toMatchObject({
      status: "operational",
      reason: "throttled",
      throttled: true,
      retryAfterMs: 7000,
    });
  });
}
