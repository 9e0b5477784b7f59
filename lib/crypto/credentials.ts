import { env } from "@/lib/env";
import { createKeyring, decryptString, encryptString, envelopeKeyId, type Keyring } from "./secrets";

export type Credentials = Record<string, string>;

let ring: Keyring | undefined;
/** The keyring from the environment: CONNECTOR_SECRETS_KEY encrypts, it and CONNECTOR_SECRETS_OLD_KEYS decrypt. */
export function appKeyring(): Keyring {
  ring ??= createKeyring(env.CONNECTOR_SECRETS_KEY, (env.CONNECTOR_SECRETS_OLD_KEYS ?? "").split(","));
  return ring;
}

const aadFor = (connectorId: string) => `connector:${connectorId}:credentials`;

export function encryptCredentials(connectorId: string, credentials: Credentials, keyring = appKeyring()) {
  const credentialsEnvelope = encryptString(keyring, JSON.stringify(credentials), aadFor(connectorId));
  return { credentials: credentialsEnvelope, credentialsKeyId: envelopeKeyId(credentialsEnvelope) };
}

export function decryptCredentials(connectorId: string, envelope: string, keyring = appKeyring()): Credentials {
  return JSON.parse(decryptString(keyring, envelope, aadFor(connectorId))) as Credentials;
}

/** What the browser may see of a secret: its last 4 characters, and only when long enough that this reveals little. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : "••••";
}
