import {
  initialWizardState,
  isComplete,
  stepsOf,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from "@/components/connectors/wizard/wizard-state";
import type { WizardProps } from "@/components/connectors/wizard/types";
import { ONE_GROUP, wizardProps } from "./wizard-helpers";

// The wizard's state without React: every transition of use-wizard.ts is a pure function of state and action.
jest.mock("@/lib/actions/connectors", () => ({ createConnectorAction: jest.fn() }));

const run = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, state);
const start = (over?: Partial<WizardProps>) => initialWizardState(wizardProps(over));

describe("the wizard's reducer", () => {
  it("starts on the system step, or on General with a system chosen by the page", () => {
    expect(start()).toMatchObject({ step: "system", furthest: 0, values: { systemId: "", name: "", timeZone: "" } });
    const veeqo = start({ initialSystemId: "veeqo", initialEnvironment: "test" });
    expect(veeqo).toMatchObject({
      step: "general",
      furthest: 1,
      values: { systemId: "veeqo", name: "Veeqo test", authType: "api-key" },
    });
    expect(veeqo.values.companyGroupId).toBe(ONE_GROUP[0].id);
  });

  it("names the connector after the system and environment until the user types a name", () => {
    let s = run(start(), { type: "chooseSystem", id: "veeqo" }, { type: "set", key: "environment", value: "test" });
    expect(s.values.name).toBe("Veeqo test");
    s = run(s, { type: "set", key: "name", value: "Mine" }, { type: "set", key: "environment", value: "live" });
    expect(s.values).toMatchObject({ name: "Mine", nameTouched: true, environment: "live" });
    expect(run(s, { type: "chooseSystem", id: "shopify" }).values.name).toBe("Mine");
  });

  it("choosing a system resets auth type, credentials (to the defaults) and the furthest step", () => {
    const sftp = run(start(), { type: "chooseSystem", id: "sftp" });
    expect(sftp.values.credentials).toMatchObject({ port: "22" });
    expect(stepsOf(sftp)).toEqual(["system", "general", "time", "auth", "credentials"]);
    const typed = run(sftp, { type: "setCredential", key: "host", value: "files.example.com" });
    expect(run(typed, { type: "chooseSystem", id: "sftp" })).toBe(typed);
    const veeqo = run(typed, { type: "chooseSystem", id: "veeqo" });
    expect(veeqo.values).toMatchObject({ systemId: "veeqo", authType: "api-key" });
    expect(veeqo.values.credentials).toEqual({});
    expect(stepsOf(veeqo)).toEqual(["system", "general", "time", "credentials"]);
    expect(run(veeqo, { type: "chooseSystem", id: "no-such-system" })).toBe(veeqo);
  });

  it("takes the browser's zone once, when it is in the list; otherwise UTC; never over a chosen zone", () => {
    expect(run(start(), { type: "browserTimeZone", zone: "Asia/Tokyo" }).values.timeZone).toBe("Asia/Tokyo");
    expect(run(start(), { type: "browserTimeZone", zone: "Mars/Olympus" }).values.timeZone).toBe("UTC");
    const chosen = run(
      start(),
      { type: "set", key: "timeZone", value: "Europe/London" },
      { type: "browserTimeZone", zone: "Asia/Tokyo" },
    );
    expect(chosen.values.timeZone).toBe("Europe/London");
  });

  it("moves on only past valid steps, with the first error focused, and back without checking", () => {
    let s = run(start(), { type: "next" });
    expect(s).toMatchObject({
      step: "system",
      clientErrors: { systemId: ["Choose a system."] },
      focus: { target: "systemId" },
    });
    s = run(s, { type: "chooseSystem", id: "veeqo" });
    expect(s.clientErrors).toEqual({});
    s = run(s, { type: "next" }, { type: "set", key: "name", value: "   " }, { type: "next" });
    expect(s).toMatchObject({
      step: "general",
      clientErrors: { name: ["Name is required."] },
      focus: { target: "name", step: "general" },
    });
    s = run(s, { type: "set", key: "name", value: "x".repeat(81) }, { type: "next" });
    expect(s.clientErrors).toEqual({ name: ["Use at most 80 characters."] });
    s = run(
      s,
      { type: "set", key: "name", value: "Veeqo main" },
      { type: "browserTimeZone", zone: "UTC" },
      { type: "next" },
      { type: "next" },
    );
    expect(s).toMatchObject({ step: "credentials", furthest: 3, focus: { target: "heading", step: "credentials" } });
    expect(run(s, { type: "next" })).toBe(s);
    s = run(s, { type: "back" }, { type: "back" });
    expect(s).toMatchObject({ step: "general", furthest: 3 });
  });

  it("jumps through the step indicator: back freely, forward only over valid steps", () => {
    let s = run(start({ initialSystemId: "veeqo" }), { type: "set", key: "name", value: "" });
    s = run(s, { type: "goTo", step: "credentials" });
    expect(s).toMatchObject({ step: "general", clientErrors: { name: ["Name is required."] } });
    s = run(s, { type: "goTo", step: "system" });
    expect(s).toMatchObject({ step: "system", clientErrors: {} });
    s = run(
      s,
      { type: "set", key: "name", value: "Named" },
      { type: "browserTimeZone", zone: "UTC" },
      { type: "goTo", step: "credentials" },
    );
    expect(s.step).toBe("credentials");
  });

  it("checks the time zone against the server's list and the date format against the known formats", () => {
    let s = run(
      start({ initialSystemId: "veeqo" }),
      { type: "next" },
      { type: "set", key: "timeZone", value: "Nowhere/City" },
    );
    s = run(s, { type: "set", key: "dateFormat", value: "yy" }, { type: "next" });
    expect(s.clientErrors).toEqual({
      timeZone: ["Choose a time zone from the list (for example Europe/London)."],
      dateFormat: ["Choose a date format from the list."],
    });
    s = run(s, { type: "set", key: "timeZone", value: "Europe/Paris" });
    expect(Object.keys(s.clientErrors)).toEqual(["dateFormat"]);
  });

  it("submits only when every step is valid, else shows the first step with an error", () => {
    let s = run(
      start({ initialSystemId: "veeqo" }),
      { type: "browserTimeZone", zone: "UTC" },
      { type: "next" },
      { type: "next" },
    );
    expect(s.step).toBe("credentials");
    expect(isComplete(s)).toBe(false);
    s = run(s, { type: "submit" });
    expect(s).toMatchObject({ step: "credentials", clientErrors: { "credentials.apiKey": ["API key is required."] } });
    s = run(s, { type: "setCredential", key: "apiKey", value: "key-123" });
    expect(s.clientErrors).toEqual({});
    expect(isComplete(s)).toBe(true);
    expect(run(s, { type: "submit" })).toBe(s);
    s = run(s, { type: "set", key: "name", value: "" }, { type: "submit" });
    expect(s).toMatchObject({ step: "general", focus: { target: "name" } });
  });

  it("shows the server's errors on the earliest step that holds one, and clears one when its field changes", () => {
    const s = run(start({ initialSystemId: "shopify" }), { type: "browserTimeZone", zone: "UTC" });
    const answered = run(s, {
      type: "serverResult",
      fieldErrors: {
        "credentials.store": ["Unknown store."],
        authType: ["Choose an authentication type."],
        saveOffline: ["Tick it."],
      },
    });
    expect(answered).toMatchObject({ step: "auth", focus: { target: "authType", step: "auth" }, clientErrors: {} });
    const chosen = run(answered, { type: "chooseAuthType", id: "legacy" });
    expect(chosen.values.authType).toBe("legacy");
    expect(Object.keys(chosen.serverErrors)).toEqual(["credentials.store", "saveOffline"]);
    expect(run(chosen, { type: "setCredential", key: "store", value: "x" }).serverErrors).toEqual({
      saveOffline: ["Tick it."],
    });
    expect(run(s, { type: "serverResult", fieldErrors: { saveOffline: ["Tick it."] } })).toMatchObject({
      step: "credentials",
      focus: { target: "result" },
    });
    expect(run(s, { type: "serverResult", fieldErrors: {} })).toMatchObject({
      step: "credentials",
      focus: { target: "result" },
    });
  });

  it("never changes the state it is given", () => {
    const s = start({ initialSystemId: "sftp" });
    const frozen = JSON.stringify(s);
    run(
      s,
      { type: "next" },
      { type: "setCredential", key: "host", value: "h" },
      { type: "chooseSystem", id: "veeqo" },
      { type: "submit" },
    );
    expect(JSON.stringify(s)).toBe(frozen);
  });
});
