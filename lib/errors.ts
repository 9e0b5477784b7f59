/** Typed errors: business functions throw these; actions and routes turn them into form state or HTTP answers. */
export type ErrorCode =
  "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UPSTREAM" | "UNAUTHENTICATED" | "THROTTLED";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 400,
  UPSTREAM: 502,
  UNAUTHENTICATED: 401,
  THROTTLED: 429,
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
    public readonly extra: {
      check?: { status: string; reason: string; message: string; hint: string };
      link?: { href: string; label: string };
    } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
  get check() {
    return this.extra.check;
  }
  get link() {
    return this.extra.link;
  }
}

export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = () => new AppError("FORBIDDEN", "Your role does not allow this.");
