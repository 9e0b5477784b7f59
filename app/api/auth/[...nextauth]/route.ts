import NextAuth from "next-auth";
import { apiNotFound, errorResponse } from "@/lib/api/errors";
import { authEndpoint } from "@/lib/auth/auth-endpoints";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { withRequestLog } from "@/lib/request-log";

// next-auth v4 declares its handler as `any`; this is the App Router route handler it is.
type RouteHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
const nextAuth = NextAuth(authOptions) as RouteHandler;
const handler: RouteHandler = (request, context) =>
  withRequestLog(request, "auth", async () => {
    const { nextauth } = await context.params;
    switch (authEndpoint(request.method, nextauth)) {
      case "served":
        return nextAuth(request, context);
      case "sign-in-page":
        return Response.redirect(new URL("/login", env.APP_URL), 303);
      default:
        return errorResponse(apiNotFound("This sign-in endpoint"));
    }
  });
export { handler as GET, handler as POST };
