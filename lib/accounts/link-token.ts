import { createHash, randomBytes } from "node:crypto";

/**
 * The tokens of e-mailed account links (sign-up, password reset, invitation): 32 random bytes, base64url. Only the
 * SHA-256 of a token is stored, so the database never holds a usable link.
 */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const newLinkToken = () => randomBytes(32).toString("base64url");
export const hashLinkToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const isLinkToken = (token: unknown): token is string => typeof token === "string" && LINK_TOKEN.test(token);
