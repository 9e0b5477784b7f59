import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth v4 declares its handler as `any`; this is the App Router route handler it is.
type RouteHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
const handler = NextAuth(authOptions) as RouteHandler;
export { handler as GET, handler as POST };
