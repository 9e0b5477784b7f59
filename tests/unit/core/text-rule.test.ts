import fc from "fast-check";
import { addUserSchema, passwordField, signUpSchema } from "@/lib/accounts/schemas";
import { emailField } from "@/lib/validation/email";
import { createApiTokenSchema } from "@/lib/api-tokens/schemas";
import { connectorGeneralSchema } from "@/lib/connectors/schemas";
import { createGroupSchema, registerWebhookSchema } from "@/lib/notifications/schemas";
import { serviceName } from "@/lib/services/schemas";
import { syncRunInputSchema } from "@/lib/sync-ingest/schema";
import { getSystem, parseCredentials } from "@/lib/systems";
import { cleanRelayedText, text, textProblem } from "@/lib/validation/text";

const NUL = "\u0000";
const ESC = "\u001b[31m";
const LONE = "\ud800";
const RLO = "\u202e";

describe("the text rule", () => {
  it("refuses NUL, control characters, lone surrogates; names also refuse bidi overrides", () => {
    for (const bad of [
      `a${NUL}b`,
      `a${ESC}b`,
      "a\u0008b",
      "a\u0085b",
      "a\u009bb",
      `a${LONE}b`,
      "tab\there",
      "two\nlines",
    ]) {
      expect(textProblem(bad)).toBeDefined();
    }
    expect(textProblem("two\r\nlines\tand a tab", { multiline: true })).toBeUndefined();
    expect(textProblem(`a${ESC}`, { multiline: true })).toBeDefined();
    expect(textProblem(`evil${RLO}txt.exe`)).toBeUndefined();
    expect(textProblem(`evil${RLO}txt.exe`, { name: true })).toBeDefined();
    expect(textProblem("Café 😀 Zürich – 東京", { name: true })).toBeUndefined();
  });

  it("normalises to NFC, trims, and names the field in its message without quoting the value", () => {
    const name = text("Name", { name: true });
    expect(name.parse("  Cafe\u0301 ")).toBe("Café");
    const refused = name.safeParse(`x${NUL}secret-ish`);
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0].message).toBe("Name must not contain a NUL character.");
    expect(refused.error!.issues[0].message).not.toContain("secret-ish");
    expect(text("Password", { trim: false, normalize: false }).parse(" Cafe\u0301 ")).toBe(" Cafe\u0301 ");
  });

  it("every name, e-mail and URL field of the forms applies it", () => {
    const hostile = [`Acme${NUL}`, `Acme${ESC}`, `Acme${RLO}`, `Acme\u0007`, `Ac\nme`];
    const cases: [
      string,
      (v: string) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
    ][] = [
      [
        "organisationName",
        (v) => signUpSchema.safeParse({ organisationName: v, name: "A", email: "a@b.co", password: "long enough pw" }),
      ],
      ["name", (v) => addUserSchema.safeParse({ name: v, email: "a@b.co", role: "user", password: "long enough pw" })],
      ["name", (v) => connectorGeneralSchema.safeParse({ name: v, timeZone: "UTC", dateFormat: "yyyy-MM-dd HH:mm" })],
      ["name", (v) => createGroupSchema.safeParse({ name: v })],
      ["name", (v) => createApiTokenSchema.safeParse({ name: v })],
      ["", (v) => serviceName.safeParse(v)],
    ];
    for (const [field, parse] of cases) {
      for (const v of hostile) {
        const r = parse(v);
        expect(r.success).toBe(false);
        expect(
          r.error!.issues.some(
            (i) => String(i.path[0] ?? "") === field && /^(Organisation name|Name) /.test(i.message),
          ),
        ).toBe(true);
      }
    }
    expect(emailField.safeParse(`a${NUL}@b.co`).success).toBe(false);
    expect(emailField.parse("  Ann@Example.COM ")).toBe("ann@example.com");
    expect(passwordField.safeParse(`long enough${NUL}`).success).toBe(false);
    expect(registerWebhookSchema.safeParse({ url: `https://hooks.example.com/${ESC}` }).success).toBe(false);
  });

  it("credential fields refuse control characters; secrets keep their exact characters; a PEM key keeps its lines", () => {
    const magento = getSystem("magento2")!;
    const bad = parseCredentials(magento.authTypes[0], {
      baseUrl: "https://shop.example.com",
      accessToken: `tok${NUL}en`,
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { accessToken: [expect.stringContaining("NUL")] } });
    const decomposed = "Cafe\u0301-token-123";
    const ok = parseCredentials(magento.authTypes[0], { baseUrl: "https://shop.example.com", accessToken: decomposed });
    expect(ok).toMatchObject({ ok: true, data: { accessToken: decomposed } });

    const sftp = getSystem("sftp")!;
    const keyAuth = sftp.authTypes.find((a) => a.fields.some((f) => f.kind === "textarea"))!;
    const base = Object.fromEntries(
      keyAuth.fields.map((f) => [
        f.key,
        f.kind === "number" ? "22" : f.key === "host" ? "sftp.example.com" : f.required === false ? "" : "value",
      ]),
    );
    const pem = "-----BEGIN OPENSSH PRIVATE KEY-----\r\nabc\r\n-----END OPENSSH PRIVATE KEY-----";
    expect(parseCredentials(keyAuth, { ...base, privateKey: pem })).toMatchObject({ ok: true });
    expect(parseCredentials(keyAuth, { ...base, privateKey: `${pem}${ESC}` })).toMatchObject({
      ok: false,
      fieldErrors: { privateKey: [expect.stringMatching(/^Private key must not contain control/)] },
    });
  });

  it("sync runs refuse a hostile externalId; an engine's error text is cleaned, not refused", () => {
    const run = {
      externalId: "r-1",
      serviceId: "0f8e7c6b-5a49-4382-9170-6f5e4d3c2b1a",
      startedAt: "2026-03-01T09:00:00Z",
      status: "failed",
    };
    expect(syncRunInputSchema.safeParse({ ...run, externalId: `r${NUL}1` }).success).toBe(false);
    expect(syncRunInputSchema.safeParse({ ...run, externalId: `r${LONE}1` }).success).toBe(false);
    const cleaned = syncRunInputSchema.parse({ ...run, errorMessage: `Boom${NUL}${ESC} at line 3\n\tdetail ${LONE}` });
    expect(cleaned.errorMessage).toBe("Boom[31m at line 3\n\tdetail \ufffd");
  });

  it("cleanRelayedText always leaves text the rule accepts as multi-line", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        (s) => textProblem(cleanRelayedText(s), { multiline: true }) === undefined,
      ),
      { numRuns: 2000 },
    );
  });
});
