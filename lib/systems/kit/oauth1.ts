import { createHmac, randomBytes } from "node:crypto";

/**
 * OAuth 1.0a request signing (RFC 5849 §3.4), as NetSuite token-based authentication needs it:
 * base string = METHOD & enc(base URI) & enc(sorted, encoded query + oauth_* parameters); key =
 * enc(consumerSecret) & enc(tokenSecret). `realm` goes in the header but is never signed (RFC 5849
 * §3.4.1.3.1; Oracle "The RESTlet Base String", section_1534939551). NetSuite ended HMAC-SHA1 in
 * 2023.1 (section_1534941088): SHA1 is kept only so the published RFC vectors can be checked.
 */
export type OAuth1SignatureMethod = "HMAC-SHA256" | "HMAC-SHA1";

/** RFC 3986 unreserved characters only (RFC 5849 §3.6), i.e. PHP rawurlencode as Oracle's examples use. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 5849 §3.4.1: WHATWG URL already lower-cases scheme and host and drops a default port; query and fragment are left out. */
export function signatureBaseString(method: string, url: URL, oauthParams: Readonly<Record<string, string>>): string {
  const pairs: [string, string][] = [];
  url.searchParams.forEach((value, name) => pairs.push([percentEncode(name), percentEncode(value)]));
  for (const [name, value] of Object.entries(oauthParams)) pairs.push([percentEncode(name), percentEncode(value)]);
  // Sorted by encoded name, then encoded value (byte order, RFC 5849 §3.4.1.3.2).
  pairs.sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)));
  const normalised = pairs.map(([n, v]) => `${n}=${v}`).join("&");
  return [
    method.toUpperCase(),
    percentEncode(`${url.protocol}//${url.host}${url.pathname}`),
    percentEncode(normalised),
  ].join("&");
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface OAuth1Request {
  method: string;
  url: string | URL;
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
  /** Sent as the first header parameter, not signed. */
  realm?: string;
  signatureMethod?: OAuth1SignatureMethod;
  /** Fixed only in tests; otherwise random. */
  nonce?: string;
  timestamp?: string;
}

export interface SignedOAuth1 {
  baseString: string;
  signature: string;
  /** The whole Authorization header value, "OAuth realm=..., oauth_...". */
  header: string;
}

export function signOAuth1(req: OAuth1Request): SignedOAuth1 {
  const method = req.signatureMethod ?? "HMAC-SHA256";
  const params: Record<string, string> = {
    oauth_consumer_key: req.consumerKey,
    oauth_nonce: req.nonce ?? randomBytes(16).toString("hex"),
    oauth_signature_method: method,
    oauth_timestamp: req.timestamp ?? String(Math.floor(Date.now() / 1000)),
    oauth_token: req.token,
    oauth_version: "1.0",
  };
  const baseString = signatureBaseString(req.method, new URL(req.url), params);
  const key = `${percentEncode(req.consumerSecret)}&${percentEncode(req.tokenSecret)}`;
  const signature = createHmac(method === "HMAC-SHA1" ? "sha1" : "sha256", key)
    .update(baseString)
    .digest("base64");
  const fields = Object.entries({ ...params, oauth_signature: signature }).map(
    ([k, v]) => `${k}="${percentEncode(v)}"`,
  );
  const realm = req.realm === undefined ? [] : [`realm="${req.realm.replace(/["\\]/g, "")}"`];
  return { baseString, signature, header: `OAuth ${[...realm, ...fields].join(", ")}` };
}
