import type { CredentialField } from "@/lib/health/contract";

/**
 * Where stored secrets may go. A secret is entered for one destination: the URL, host, port, store, instance,
 * datacentre, account or tenant beside it (and anything else that decides where or how it is sent, such as TLS or
 * host-key settings). When one of those changes, the stored secret must not follow: every secret of the auth type
 * has to be typed again. Plain data only (no server imports): the credentials form uses these rules too.
 */
type FieldLike = Pick<CredentialField, "key" | "label" | "secret" | "notADestination">;

/** Every non-secret field, unless its system file proves (notADestination) that it cannot steer the credentials. */
export function destinationFields<F extends FieldLike>(authType: { fields: readonly F[] }): F[] {
  return authType.fields.filter((f) => !f.secret && !f.notADestination);
}

export function secretFields<F extends FieldLike>(authType: { fields: readonly F[] }): F[] {
  return authType.fields.filter((f) => f.secret);
}

/** "Host", "Host and Port", "Host, Port and Username". */
export function listLabels(fields: readonly Pick<FieldLike, "label">[]): string {
  const labels = fields.map((f) => f.label);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/** The one sentence, beside a secret field, before and after saving, when its destination changed. */
export function retypeSecretMessage(
  secret: Pick<FieldLike, "label">,
  changed: readonly Pick<FieldLike, "label">[],
): string {
  return `Type the ${secret.label} again: the ${listLabels(changed)} changed, so the stored value will not be sent to the new address.`;
}
