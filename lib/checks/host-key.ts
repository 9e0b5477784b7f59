import { getAuthType } from "@/lib/systems";
import type { SystemDef } from "@/lib/health/contract";

/**
 * Which vendor endpoint a check will hit, for the sweep's per-host cap. A URL or host field names it directly
 * (self-hosted Magento, WooCommerce, SFTP). Otherwise the first non-secret value (store, account id, tenant) names
 * the tenant on the vendor's shared API, which is what vendor rate limits count. A system with only secrets
 * (one public API host for everyone) is a single key, so its connectors never exceed the cap together.
 */
export function hostKey(
  system: SystemDef,
  authTypeId: string,
  credentials: Readonly<Partial<Record<string, string>>>,
): string {
  const fields = getAuthType(system, authTypeId)?.fields ?? [];
  for (const field of fields) {
    const value = credentials[field.key]?.trim();
    if (field.secret || !value || (field.kind !== "url" && field.kind !== "host")) continue;
    const host = hostnameOf(value);
    if (host) return host;
  }
  const tenant = fields.find((f) => !f.secret && f.kind === "text" && credentials[f.key]?.trim());
  const tenantValue = tenant && credentials[tenant.key]?.trim().toLowerCase();
  return tenantValue ? `${system.id}:${tenantValue}` : system.id;
}

function hostnameOf(value: string): string | undefined {
  try {
    return (
      new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`).hostname.toLowerCase() || undefined
    );
  } catch {
    return undefined;
  }
}
