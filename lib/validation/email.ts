import { z } from "zod";
import { text } from "./text";

/** An e-mail address as every form takes it: trimmed, lower case, at most 254 characters. */
export const emailField = text("E-mail")
  .toLowerCase()
  .min(1, "E-mail is required.")
  .max(254, "E-mail is too long.")
  .pipe(z.email("Enter a valid e-mail address, like name@company.com."));
