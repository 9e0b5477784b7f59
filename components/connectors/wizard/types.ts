import type { CatalogueField, CatalogueSystem } from "@/lib/connectors/catalogue";
import type { PlacedConnector } from "@/lib/connectors/placement-rules";

export type WizardField = CatalogueField;
export type WizardSystem = CatalogueSystem;

export type WizardProps = {
  systems: WizardSystem[];
  groups: { id: string; name: string; isDefault: boolean }[];
  dateFormats: { id: string; label: string }[];
  timeZones: string[];
  /** The organisation's connectors (name and place only), so the General step checks the name and the one-per-group rule. */
  existing?: PlacedConnector[];
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

/** What the General step checks a new connector against: the organisation's connectors and its company groups. */
export type Placement = { existing: PlacedConnector[]; groups: WizardProps["groups"] };

/** The values a step sets directly; the system, auth type and credentials have their own actions. */
export type GeneralKey = "name" | "companyGroupId" | "environment" | "timeZone" | "dateFormat" | "saveOffline";

/** What each step component gets. */
export type StepProps = {
  values: WizardValues;
  system?: WizardSystem;
  errors: (key: string) => string[] | undefined;
  set: <K extends GeneralKey>(key: K, value: WizardValues[K]) => void;
};
