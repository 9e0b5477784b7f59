import type { CatalogueField, CatalogueSystem } from "@/lib/connectors/catalogue";

export type WizardField = CatalogueField;
export type WizardSystem = CatalogueSystem;

export type WizardProps = {
  systems: WizardSystem[];
  groups: { id: string; name: string; isDefault: boolean }[];
  dateFormats: { id: string; label: string }[];
  timeZones: string[];
  initialSystemId?: string;
  initialEnvironment?: "live" | "test";
};

export type StepId = "system" | "general" | "time" | "auth" | "credentials";
export const STEP_LABELS: Record<StepId, string> = {
  system: "System",
  general: "General",
  time: "Time zone",
  auth: "Authentication",
  credentials: "Credentials",
};

export type WizardValues = {
  systemId: string;
  name: string;
  /** Once the user edits the name, choosing another system or environment stops rewriting it. */
  nameTouched: boolean;
  companyGroupId: string;
  environment: "live" | "test";
  timeZone: string;
  dateFormat: string;
  authType: string;
  /** Typed credentials by field key, kept across auth types (Shopify's two types share "store"); secrets never come back from the server. */
  credentials: Record<string, string>;
  saveOffline: boolean;
};

export type Errors = Record<string, string[]>;

/** The values a step sets directly; the system, auth type and credentials have their own actions. */
export type GeneralKey = "name" | "companyGroupId" | "environment" | "timeZone" | "dateFormat" | "saveOffline";

/** What each step component gets. */
export type StepProps = {
  values: WizardValues;
  system?: WizardSystem;
  errors: (key: string) => string[] | undefined;
  set: <K extends GeneralKey>(key: K, value: WizardValues[K]) => void;
};
