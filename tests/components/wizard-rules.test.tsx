import { validateStep } from "@/components/connectors/wizard/validate";
import { catalogue } from "@/lib/connectors/catalogue";
import { connectorGeneralSchema } from "@/lib/connectors/schemas";
import { listSystems } from "@/lib/systems";
import { fieldSchema } from "@/lib/systems/schema";

jest.mock("@/lib/actions/connectors", () => ({ createConnectorAction: jest.fn() }));

// One rule, two sides: for every field of every system, what the wizard says in the browser (from the catalogue's
// plain-data copy of the field) is what the server says (from the declaration itself).

const serverMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? undefined : result.error!.issues[0].message;

/** The first message for `key`, if the step found a problem there. */
const messageOf = (errors: Record<string, string[]>, key: string) =>
  Object.entries(errors).find(([k]) => k === key)?.[1][0];

const SAMPLES = [
  "",
  "   ",
  "abc",
  " padded ",
  "12",
  "-3",
  "https://shop.example.com/",
  "ftp://x",
  "not a url",
  "a\u0000b",
  "line\nbreak",
  "Cafe\u0301",
  "my-shop.myshopify.com",
  "x".repeat(5000),
];

describe("browser and server field rules", () => {
  it("give the same verdict and message for every credential field", () => {
    const browser = new Map(catalogue().map((s) => [s.id, s]));
    let compared = 0;
    // A platform-managed system's credentials are issued by Patchbay after saving: the wizard asks for none.
    for (const system of listSystems().filter((s) => !s.platformManaged)) {
      for (const authType of system.authTypes) {
        const copy = browser.get(system.id)!;
        for (const field of authType.fields) {
          const samples = [...SAMPLES, field.defaultValue ?? "", ...(field.options ?? []).map((o) => o.value)];
          for (const value of samples) {
            const onServer = serverMessage(fieldSchema(field).safeParse(value));
            const values = { credentials: { [field.key]: value }, authType: authType.id } as never;
            const errors = validateStep("credentials", values, copy);
            const inBrowser = messageOf(errors, `credentials.${field.key}`);
            // A field the server normalises first (a pasted URL) is left to the server after the common checks.
            if (field.normalise && inBrowser === undefined) continue;
            expect({ system: system.id, field: field.key, value, message: inBrowser }).toEqual({
              system: system.id,
              field: field.key,
              value,
              message: onServer,
            });
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("give the same messages for the general fields", () => {
    const general = { name: "Shop", timeZone: "Europe/London", dateFormat: "yyyy-MM-dd HH:mm" };
    const cases: [keyof typeof general, "general" | "time", string][] = [
      ["name", "general", ""],
      ["name", "general", "  "],
      ["name", "general", "x".repeat(81)],
      ["name", "general", "evil\u202etxt"],
      ["name", "general", "Cafe\u0301 shop"],
      ["timeZone", "time", ""],
      ["timeZone", "time", "Nowhere/City"],
      ["timeZone", "time", "Europe/London\u0000"],
      ["timeZone", "time", " Asia/Tokyo "],
      ["timeZone", "time", "Europe/Kyiv"],
      ["timeZone", "time", "Europe/Kiev"],
      ["timeZone", "time", "+01:00"],
      ["dateFormat", "time", ""],
      ["dateFormat", "time", "yy-MM"],
      ["dateFormat", "time", "dd.MM.yyyy HH:mm"],
    ];
    for (const [key, step, value] of cases) {
      const values = { ...general, [key]: value };
      const onServer = connectorGeneralSchema.safeParse(values);
      const serverSays = onServer.success ? undefined : onServer.error.issues.find((i) => i.path[0] === key)?.message;
      const browserSays = messageOf(validateStep(step, values as never, undefined), key);
      expect({ key, value, message: browserSays }).toEqual({ key, value, message: serverSays });
    }
  });
});
