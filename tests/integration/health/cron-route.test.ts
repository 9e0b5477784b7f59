import "./cron-secret";
import { eq } from "drizzle-orm";
import { connectors } from "@/db/schema";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();
const url = "http://localhost/api/cron/health";

describe("GET /api/cron/health", () => {
  const call = async (authorization?: string) => {
    const { GET } = await import("@/app/api/cron/health/route");
    return GET(new Request(url, { headers: authorization ? { authorization } : {} }));
  };

  it("refuses a request without the secret", async () => {
    const res = await call();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
  });

  it("refuses a wrong secret, a prefix of it and a non-Bearer scheme", async () => {
    for (const header of [
      "Bearer wrong-secret",
      "Bearer cron-secret-for-route-tests-012",
      "Basic cron-secret-for-route-tests-0123",
      "cron-secret-for-route-tests-0123",
    ]) {
      expect((await call(header)).status).toBe(401);
    }
  });

  it("runs one sweep with the right secret and answers its figures", async () => {
    const { orgId } = await createOrganisation(db());
    // A connector whose system is not in the catalogue: claimed and skipped, no network needed.
    const c = await createConnector(db(), orgId, {
      systemId: "no-such-system",
      authType: "token",
      credentials: { token: "x" },
    });
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await call("Bearer cron-secret-for-route-tests-0123");
    spy.mockRestore();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body: unknown = await res.json();
    expect(body).toEqual({ claimed: 1, checked: 0, changed: 0, durationMs: expect.any(Number) });
    const [row] = await db().select().from(connectors).where(eq(connectors.id, c.id));
    expect(row.leaseUntil).toBeNull();
  });

  it("fails closed when CRON_SECRET is unset", async () => {
    const { isAuthorizedCron } = await import("@/lib/checks/cron");
    expect(isAuthorizedCron(new Request(url, { headers: { authorization: "Bearer " } }), undefined)).toBe(false);
    expect(isAuthorizedCron(new Request(url, { headers: { authorization: "Bearer undefined" } }), undefined)).toBe(
      false,
    );
    expect(
      isAuthorizedCron(
        new Request(url, { headers: { authorization: "Bearer s3cret-s3cret-s3cret" } }),
        "s3cret-s3cret-s3cret",
      ),
    ).toBe(true);
  });

  it("exports the route settings Vercel reads", async () => {
    const route = await import("@/app/api/cron/health/route");
    expect(route.maxDuration).toBe(60);
    expect(route.dynamic).toBe("force-dynamic");
  });
});
