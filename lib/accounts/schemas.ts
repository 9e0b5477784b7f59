import { z } from "zod";
import { ROLES } from "@/db/schema";
import { emailField } from "@/lib/validation/email";
import { text } from "@/lib/validation/text";

// Passwords keep their exact characters (no trimming or normalising: the hash is of what was typed).
export const passwordField = text("Password", { trim: false, normalize: false })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");
export const personName = text("Name", { name: true })
  .min(1, "Name is required.")
  .max(100, "Use at most 100 characters.");
export const roleField = z.enum(ROLES, { error: "Choose a role." });
export const uuidField = (what: string) => z.uuid(`${what} is not valid.`);

export const signUpSchema = z.object({
  organisationName: text("Organisation name", { name: true })
    .min(2, "Use at least 2 characters.")
    .max(100, "Use at most 100 characters."),
  name: personName,
  email: emailField,
  password: passwordField,
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(200),
    newPassword: passwordField,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    error: "Choose a password different from the current one.",
  });
/** An invitation: the new user chooses their own password through the e-mailed link. */
export const addUserSchema = z.object({
  name: personName,
  email: emailField,
  role: roleField,
});
export const resendInvitationSchema = z.object({ userId: uuidField("User") });
export const forgotPasswordSchema = z.object({ email: emailField });
/** The form behind a password reset or invitation link: the link's token travels in a hidden field. */
export const setPasswordSchema = z.object({
  token: z.string({ error: "This link no longer works." }).max(100, "This link no longer works."),
  password: passwordField,
});
export const changeRoleSchema = z.object({ userId: uuidField("User"), role: roleField });
export const removeUserSchema = z.object({ userId: uuidField("User") });

export const companyGroupName = text("Name", { name: true })
  .min(1, "Name is required.")
  .max(80, "Use at most 80 characters.");
export const addCompanyGroupSchema = z.object({ name: companyGroupName });
export const renameCompanyGroupSchema = z.object({ groupId: uuidField("Company group"), name: companyGroupName });
export const deleteCompanyGroupSchema = z.object({ groupId: uuidField("Company group") });
