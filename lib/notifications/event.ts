import type { ConnectorStatus } from "@/db/schema/connectors";

/** The JSON every webhook receives (README "Notifications and webhooks"); e-mails are written from the same object. */
export interface NotificationEvent {
  id: string;
  event: "connector.status_changed" | "connector.still_down" | "webhook.test";
  connector: { id: string; name: string; system: string; environment: string };
  from: ConnectorStatus;
  to: ConnectorStatus;
  /** ISO 8601, UTC: when the current status began. */
  since: string;
  reason: string;
  message: string;
  hint: string;
  url: string;
}

/** What an outbox row's payload holds: the event, plus for e-mail the group and the connector's date settings. */
export interface OutboxPayload {
  body: NotificationEvent;
  groupId?: string | null;
  timeZone?: string;
  dateFormat?: string;
}

/** An e-mail to one user about their own account (not a connector event), e.g. a sign-up attempt with their address. */
export interface AccountMailPayload {
  accountMail: { userId: string; subject: string; text: string };
}

export const isAccountMail = (payload: unknown): payload is AccountMailPayload =>
  typeof payload === "object" && payload !== null && "accountMail" in payload;

/**
 * A password reset or invitation link to a user of an organisation. The text holds the link's token, so it is stored
 * encrypted (AAD: the link's id) and sent only while that link is still the live one.
 */
export interface AccountLinkMailPayload {
  accountLinkMail: { linkId: string; subject: string; encryptedText: string };
}

export const isAccountLinkMail = (payload: unknown): payload is AccountLinkMailPayload =>
  typeof payload === "object" && payload !== null && "accountLinkMail" in payload;

/**
 * The link that finishes a sign-up, to an address that has no account yet (the outbox row has no organisation). The
 * text holds the link's token, so it is stored encrypted (AAD: the pending sign-up's id) and sent only while that
 * sign-up is still pending: a replaced or finished sign-up's mail is dropped.
 */
export interface SignUpMailPayload {
  signUpMail: { pendingId: string; subject: string; encryptedText: string };
}

export const isSignUpMail = (payload: unknown): payload is SignUpMailPayload =>
  typeof payload === "object" && payload !== null && "signUpMail" in payload;

/** A delivery that no retry can fix (no recipients, webhook deactivated or deleted): marked failed at once. */
export class PermanentDeliveryError extends Error {}
