import { getDb } from "@/db";
import { DATABASE_UNAVAILABLE_MESSAGE, withDatabaseFaults } from "@/lib/database-faults";
import { sandboxAnswer } from "@/lib/sandbox/accounts";

export const dynamic = "force-dynamic";

/** The sandbox vendor's one endpoint: public like a vendor's API, authenticated by its own keys. */
export const GET = withDatabaseFaults(
  "sandbox account",
  { unavailable: { error: DATABASE_UNAVAILABLE_MESSAGE }, internal: { error: "Something went wrong on our side." } },
  async (request: Request) => {
    const answer = await sandboxAnswer(await getDb(), request.headers.get("authorization"));
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    return Response.json(answer.body, {
      status: answer.status,
      headers: { "cache-control": "no-store", ...answer.headers },
    });
  },
);
