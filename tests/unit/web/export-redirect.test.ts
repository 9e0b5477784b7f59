import { NextRequest } from "next/server";

// A request with no valid session (none, expired or forged: getServerSession answers null for each).
jest.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(null) }));
process.env.APP_URL = "https://patchbay.example.com";

describe("sync report export without a session", () => {
  it("redirects to sign-in on APP_URL, not on the internal address the server listens on", async () => {
    const { GET } = await import("@/app/(app)/sync-reports/export/route");
    const res = await GET(
      new NextRequest("http://localhost:3100/sync-reports/export?from=2026-01-01&status=failed", {
        headers: { host: "10.0.0.7:3100", "x-forwarded-host": "attacker.example" },
      }),
    );
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(
      "https://patchbay.example.com/login?callbackUrl=%2Fsync-reports%3Ffrom%3D2026-01-01%26status%3Dfailed",
    );
  });
});
