import type { WizardSystem } from "@/components/connectors/wizard/types";
import { getAuthType, getSystem } from "@/lib/systems";
import { catalogue, CATEGORY_LABELS } from "./catalogue";

/**
 * The catalogue as the add-connector wizard needs it: plain data plus the category's label and, per field, whether
 * the server normalises the value (a pasted URL becomes a bare name) before its pattern check, in which case the
 * browser must not reject what the server would accept.
 */
export function wizardCatalogue(): WizardSystem[] {
  return catalogue().map((s) => {
    const def = getSystem(s.id);
    return {
      ...s,
      categoryLabel: CATEGORY_LABELS[s.category],
      authTypes: s.authTypes.map((a) => {
        const declared = (def && getAuthType(def, a.id)?.fields) ?? [];
        return { ...a, fields: a.fields.map((f) => ({ ...f, normalises: Boolean(declared.find((x) => x.key === f.key)?.normalise) })) };
      }),
    };
  });
}
