import { headers } from "next/headers";
import { clientAddress, throttleAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/env";

/** The client's address as the sign-in throttle counts it ("unknown" outside a request, as in tests). */
export async function requestAddress(): Promise<string> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return "unknown";
  }
  return throttleAddress(
    clientAddress(Object.fromEntries(h.entries()), {
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
      vercel: !!env.VERCEL,
    }),
  );
}
