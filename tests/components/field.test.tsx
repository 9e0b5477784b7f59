import { render, screen } from "@testing-library/react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

describe("Field", () => {
  it("ties its help and errors to the input for assistive technology", () => {
    render(<Field name="email" label="E-mail" help="Your work address." errors={["Enter a valid e-mail address."]} />);
    const input = screen.getByLabelText("E-mail");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Your work address. Enter a valid e-mail address.");
  });

  it("says a notice that an error repeats once, as the error", () => {
    const say = "Type the Access token again: the Store URL changed.";
    const { rerender } = render(<Field name="token" label="Access token" notice={say} />);
    expect(screen.getByLabelText("Access token")).toHaveAccessibleDescription(say);
    rerender(<Field name="token" label="Access token" notice={say} errors={[say]} />);
    expect(screen.getAllByText(say)).toHaveLength(1);
    expect(screen.getByLabelText("Access token")).toHaveAccessibleDescription(say);
  });

  it("is not marked invalid without errors", () => {
    render(<Field name="name" label="Name" />);
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Name")).not.toHaveAccessibleDescription();
  });
});

describe("FormMessage", () => {
  it("announces failures and successes in a status region", () => {
    const { rerender } = render(
      <FormMessage state={{ ok: false, message: "Please correct the fields marked below." }} />,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Please correct the fields marked below.");
    expect(screen.getByText(/Please correct/)).toHaveClass("text-red-700");
    rerender(<FormMessage state={{ ok: true, message: "Saved." }} />);
    expect(screen.getByText("Saved.")).toHaveClass("text-emerald-800");
  });
});
