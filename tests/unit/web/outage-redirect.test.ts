/** @jest-environment node */
import { DatabaseUnavailableError } from "@/db/errors";

let requestPath: string | null = null;
jest.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers(requestPath === null ? {} : { "x-patchbay-path": requestPath })),
}));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));
let failure: Error;
jest.mock("@/lib/auth/session", () => ({ requireUser: () => Promise.reject(failure) }));

import AppLayout from "@/app/(app)/layout";

const outcome = () =>
  AppLayout({ children: null }).then(
    () => "rendered",
    (e: unknown) => {
      const { digest, message } = e as { digest?: string; message?: string };
      return digest ?? message;
    },
  );

describe("the app layout when the database is away", () => {
  it("sends the page that found it away to itself again (the proxy then answers 503), on this origin only", async () => {
    failure = new DatabaseUnavailableError("08006 connection failure");
    requestPath = "/connectors/abc/settings?tab=1";
    expect(await outcome()).toBe("NEXT_REDIRECT;replace;/connectors/abc/settings?tab=1;307;");
    for (const hostile of ["//evil.example/x", "/\\evil.example", "https://evil.example/"]) {
      requestPath = hostile;
      expect(await outcome()).toBe("NEXT_REDIRECT;replace;/connectors;307;");
    }
    requestPath = null;
    expect(await outcome()).toBe("NEXT_REDIRECT;replace;/connectors;307;");
  });

  it("lets any other error through to the error page", async () => {
    failure = new Error("something else");
    requestPath = "/connectors";
    expect(await outcome()).toBe("something else");
  });
});
