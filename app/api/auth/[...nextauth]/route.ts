import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withRequestLog } from "@/lib/request-log";

// next-auth v4 declares its handler as `any`; this is the App Router route handler it is.
type RouteHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
const nextAuth = NextAuth(authOptions) as RouteHandler;
const handler: RouteHandler = (request, context) => withRequestLog(request, "auth", () => nextAuth(request, context));
export { handler as GET, handler as POST };
