/**
 * How long the app waits on Postgres, in seconds. The defaults answer a request within 10 s when the database is
 * unreachable (connect: 5 s) or stops answering (statement: 7 s, plus 1 s for the server's own cancel to arrive).
 */
export interface DatabaseTimeouts {
  connect: number;
  statement: number;
  idleInTransaction: number;
}

export const DATABASE_TIMEOUT_DEFAULTS: DatabaseTimeouts = { connect: 5, statement: 7, idleInTransaction: 30 };

/** Margin between the server's statement_timeout and the client's own read timeout. */
const READ_MARGIN_MS = 1000;

/**
 * The pg Pool/Client settings for those limits. statement_timeout and idle_in_transaction_session_timeout are enforced
 * by the server (the connection stays usable); query_timeout is the client's own clock for a server that no longer
 * answers at all, connectionTimeoutMillis bounds both opening a connection and waiting for a free pool slot.
 * Keepalive lets the operating system notice a peer that vanished from an idle connection.
 */
export function postgresTimeoutOptions(t: DatabaseTimeouts) {
  return {
    connectionTimeoutMillis: t.connect * 1000,
    statement_timeout: t.statement * 1000,
    query_timeout: t.statement * 1000 + READ_MARGIN_MS,
    idle_in_transaction_session_timeout: t.idleInTransaction * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
