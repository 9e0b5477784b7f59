/** Shared normalisers for field declarations: what users paste, turned into the canonical value. */

/** "https://shop.example.com/" -> "https://shop.example.com" so paths can be appended safely. */
export function trimTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, "");
}

/** "https://Name.Example.com/admin" -> "name.example.com": the bare lower-case host, when users paste a URL. */
export function bareHost(value: string): string {
  return value
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "");
}

/** "https://Acme.Example.com/x" and "acme.example.com" both mean "acme": the first label before `domain`. */
export function subdomainOf(value: string, domain: RegExp): string {
  return value
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(domain, "");
}
