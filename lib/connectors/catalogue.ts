import { listSystems } from "@/lib/systems";
import type { CredentialField, SystemDef } from "@/lib/health/contract";

/** What the browser may know of a system: plain data (no probe, no functions), for the wizard and the credentials panel. */
/** `normalises`: the server rewrites pasted values (a URL becomes a bare name) before its pattern check, so a browser must not reject them first. */
export type CatalogueField = Omit<CredentialField, "pattern" | "normalise"> & {
  pattern?: { source: string; flags: string; message: string };
  normalises?: boolean;
};
export type CatalogueSystem = Pick<SystemDef, "id" | "name" | "category" | "reachabilityOnly" | "platformManaged"> & {
  categoryLabel: string;
  authTypes: { id: string; label: string; fields: CatalogueField[] }[];
};

export const CATEGORY_LABELS: Record<SystemDef["category"], string> = {
  ecommerce: "E-commerce",
  erp: "ERP and finance",
  marketplace: "Marketplace",
  wms: "Warehouse and fulfilment",
  pos: "Point of sale",
  marketing: "Marketing",
  "file-transfer": "File transfer",
  returns: "Returns",
  pim: "Product information",
  platform: "Patchbay",
  other: "Other",
};

export function toCatalogueSystem(system: SystemDef): CatalogueSystem {
  return {
    id: system.id,
    name: system.name,
    category: system.category,
    categoryLabel: CATEGORY_LABELS[system.category],
    reachabilityOnly: system.reachabilityOnly,
    platformManaged: system.platformManaged,
    authTypes: system.authTypes.map((a) => ({
      id: a.id,
      label: a.label,
      fields: a.fields.map(({ pattern, normalise, ...field }) => ({
        ...field,
        normalises: Boolean(normalise),
        ...(pattern
          ? {
              pattern: {
                source: pattern.regex.source,
                flags: pattern.regex.flags.replace("g", ""),
                message: pattern.message,
              },
            }
          : {}),
      })),
    })),
  };
}

export function catalogue(): CatalogueSystem[] {
  return [...listSystems()].sort((a, b) => a.name.localeCompare(b.name)).map(toCatalogueSystem);
}
