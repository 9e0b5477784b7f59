import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { companyGroups, connectors, organisations } from "@/db/schema";
import { encryptCredentials } from "@/lib/crypto/credentials";

/** N due connectors of the bench system, each its own "store" on the bench server. Returns the organisation id. */
export async function seedBenchConnectors(db: Db, { n, origin }: { n: number; origin: string }): Promise<string> {
  const [org] = await db.insert(organisations).values({ name: `Bench ${Date.now()}` }).returning();
  // One live and one test connector per system per group (the product's rule): n/2 groups.
  const groups = await db
    .insert(companyGroups)
    .values(Array.from({ length: Math.ceil(n / 2) }, (_, i) => ({ orgId: org.id, name: `Group ${i}`, isDefault: i === 0 })))
    .returning({ id: companyGroups.id });
  for (let start = 0; start < n; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - start) }, (_, k) => {
      const i = start + k;
      const id = randomUUID();
      const env = i % 2 ? ("test" as const) : ("live" as const);
      const creds = encryptCredentials(id, { url: `${origin}/store-${i}`, token: `bench-token-${i}` });
      return { id, orgId: org.id, companyGroupId: groups[i >> 1].id, systemId: "bench", authType: "token", environment: env, name: `Bench ${i}`, ...creds };
    });
    await db.insert(connectors).values(rows);
  }
  return org.id;
}
