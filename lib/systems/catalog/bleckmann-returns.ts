import { bleckmannSystem } from "./bleckmann";

/**
 * Bleckmann Returns: no separate public API was found, only the RETURN resource of the
 * warehousing API (bedrock bleckmannReturnsGet.js: GET /warehousing/returns);
 * returns.bleckmann.com is a consumer portal without an API. So the probe reads one return.
 */
export const bleckmannReturns = bleckmannSystem({
  id: "bleckmann-returns",
  name: "Bleckmann Returns",
  resource: "returns",
  what: "returns",
});
