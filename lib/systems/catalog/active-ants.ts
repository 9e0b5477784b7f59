import { vendorText } from "@/lib/health/vendor-text";
import { authType, liveOrTest, password, username } from "../kit/fields";
import { safeCode, tokenProbe } from "../kit/token-exchange";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Active Ants shop API. Sources: developer.activeants.com/docs/tags/shopapi-v-3 ("You will receive a
 * username and password from Active Ants ... to get the token and the expiration date");
 * hotgluexyz/tap-activeants (POST {base}/token, form grant_type=password&username=&password=, then
 * Bearer on /v3/...); the LWC ActiveAnts PHP client's Authenticator maps HTTP 400 from /token to
 * BadCredentialsException; mvdnbrk/laravel-active-ants (https://shopapi.activeants.nl, test
 * https://shopapitest.activeants.nl). GUESS: the 400 body is an OAuth error ({"error":"invalid_grant"}).
 * The token request alone proves the credentials, so the probe makes just that one call.
 */
const BASES: Record<string, string> = {
  live: "https://shopapi.activeants.nl",
  test: "https://shopapitest.activeants.nl",
};

export const activeAnts: SystemDef = {
  id: "active-ants",
  name: "Active Ants",
  category: "wms",
  authTypes: [
    authType("password", "Shop API username and password", [
      liveOrTest(
        "Live is shopapi.activeants.nl; Test is shopapitest.activeants.nl. Active Ants issues separate credentials for each.",
      ),
      username(
        "The shop API username Active Ants sent you when the API was set up for your shop (ask your Active Ants contact if you do not have one).",
      ),
      password("The shop API password Active Ants sent with the username."),
    ]),
  ],
  probe: tokenProbe({
    request: ({ environment, username, password }) => ({
      url: `${BASES[environment]}/token`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "password", username, password }).toString(),
      maxBytes: 32 * 1024,
    }),
    refused: (res) => {
      const code = safeCode(res.json<{ error?: unknown }>()?.error);
      return {
        message: `Active Ants refused the username and password${code ? ` (${vendorText(code, 60)})` : ""} (HTTP ${res.status}).`,
      };
    },
    success: (_res, { environment }) =>
      `Signed in to the Active Ants ${environment === "test" ? "test" : "live"} shop API.`,
  }),
  hints: {
    token_rejected:
      "Check the username and password, and that they are for the chosen environment (live and test credentials differ).",
  },
};
