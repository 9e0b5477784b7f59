import { type Db, getDb } from "@/db";
import { authenticateToken, bearerToken } from "@/lib/api-tokens/authenticate";
import { addLogFields } from "@/lib/log";
import { withRequestLog } from "@/lib/request-log";
import { jsonResponse, toErrorResponse, unauthenticated } from "./errors";

export type ApiContext = { db: Db; orgId: string; tokenId: string };
type RouteArgs<P> = { params: Promise<P> };

/**
 * The one wrapper for /api/v1 route handlers: Bearer token -> organisation, then the handler, whose result is sent
 * as JSON (no-store). Every error becomes `{ error: { code, message, fields? } }` with its status (lib/api/errors).
 */
export function apiRoute<P = Record<string, never>>(
  name: string,
  handler: (request: Request, ctx: ApiContext, params: P) => Promise<unknown>,
) {
  return async (request: Request, args: RouteArgs<P>): Promise<Response> =>
    withRequestLog(request, `api ${name}`, async () => {
      try {
        const db = await getDb();
        const auth = await authenticateToken(db, bearerToken(request));
        if (!auth) throw unauthenticated();
        addLogFields({ orgId: auth.orgId });
        const result = await handler(request, { db, ...auth }, await args.params);
        return result instanceof Response ? result : jsonResponse(result);
      } catch (error) {
        return toErrorResponse(error, name);
      }
    });
}
