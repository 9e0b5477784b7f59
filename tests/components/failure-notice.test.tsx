import { render, screen } from "@testing-library/react";
import ErrorPage from "@/app/error";
import { DATABASE_UNAVAILABLE_DIGEST, DatabaseUnavailableError } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-faults";

/** The error pages: the browser gets only a digest from Next; the page never shows the error's own text. */
describe("error page", () => {
  it("explains an unreachable database, recognised by its digest", () => {
    const error = new DatabaseUnavailableError("08006 connection failure");
    expect(error.digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    render(<ErrorPage error={error} reset={() => undefined} />);
    expect(screen.getByRole("alert")).toHaveTextContent(DATABASE_UNAVAILABLE_MESSAGE);
    expect(screen.getByRole("alert")).not.toHaveTextContent(/08006|connection failure/);
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("any other failure gets a plain apology, never the error's text", () => {
    const error = Object.assign(new Error('Failed query: select "password_hash" from "users" params: s3cret'), {
      digest: "123456",
    });
    render(<ErrorPage error={error} reset={() => undefined} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong on our side. Please try again.");
    expect(screen.getByRole("alert")).not.toHaveTextContent(/select|params|s3cret|database/i);
    // A way back that does not depend on the page that failed.
    expect(screen.getByRole("link", { name: "Go to the connectors" })).toHaveAttribute("href", "/connectors");
  });
});
