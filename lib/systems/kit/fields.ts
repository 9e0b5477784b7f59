import type { AuthTypeDef, CredentialField } from "@/lib/health/contract";

/**
 * Builders for the credential fields most systems declare, so a field is one short line: the key, label and help
 * (in the vendor's words), plus whatever differs in `extra`.
 */
type Extra = Partial<Omit<CredentialField, "key" | "label" | "help" | "secret" | "kind">>;

const field =
  (kind: CredentialField["kind"], secret: boolean) =>
  (key: string, label: string, help: string, extra: Extra = {}): CredentialField => ({
    key,
    label,
    help,
    secret,
    kind,
    ...extra,
  });

/** A secret: encrypted at rest, masked, redacted. */
export const secret = field("password", true);
export const text = field("text", false);
export const url = field("url", false);
export const host = field("host", false);

/** A password, kept exactly as typed (surrounding spaces can be part of it). */
export const password = (help: string, label = "Password", key = "password"): CredentialField =>
  secret(key, label, help, { trim: false });

export const username = (help: string, label = "Username"): CredentialField => text("username", label, help);

/** The usual `apiKey` secret. */
export const apiKey = (help: string, label = "API key", extra: Extra = {}): CredentialField =>
  secret("apiKey", label, help, extra);

export type Options = readonly (readonly [value: string, label: string])[];

export const select = (
  key: string,
  label: string,
  help: string,
  options: Options,
  extra: Extra = {},
): CredentialField => ({
  key,
  label,
  help,
  secret: false,
  kind: "select",
  options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
  ...extra,
});

/** The live/test choice of vendors that issue separate credentials per environment. */
export const liveOrTest = (help: string): CredentialField =>
  select(
    "environment",
    "Environment",
    help,
    [
      ["live", "Live"],
      ["test", "Test"],
    ],
    { defaultValue: "live" },
  );

/** A pattern that requires https://, with the message naming the field. */
export const httpsOnly = (message = "The API URL must start with https://.") => ({ regex: /^https:\/\//i, message });

/** An auth type: its contract id, its label in the form, and its fields. */
export const authType = (id: string, label: string, fields: CredentialField[]): AuthTypeDef => ({ id, label, fields });
