/**
 * Whether an error means "the database cannot be reached now" (answered 503, the request can be sent again)
 * rather than a fault in the service (500). node-postgres reports a lost server by Node's socket error codes,
 * PostgreSQL's SQLSTATEs of class 08 and 57P, or a few messages of its own; drizzle wraps them in `cause`.
 */
export type UnavailableReason = 'refused' | 'timeout' | 'lost' | 'starting' | 'failing';

const byCode: Record<string, UnavailableReason> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'refused',
  EAI_AGAIN: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'lost',
  EPIPE: 'lost',
  // admin_shutdown (a stop, pg_terminate_backend), crash_shutdown, cannot_connect_now (starting, recovering)
  '57P01': 'lost',
  '57P02': 'lost',
  '57P03': 'starting',
  // connection_exception and its subclasses
  '08000': 'lost',
  '08003': 'lost',
  '08006': 'lost',
  '08001': 'refused',
  '08004': 'refused',
};

const byMessage: Array<[RegExp, UnavailableReason]> = [
  [/^timeout exceeded when trying to connect$/, 'timeout'],
  [/^Connection terminated due to connection timeout$/, 'timeout'],
  [/^timeout expired$/, 'timeout'],
  [/^Query read timeout$/, 'timeout'],
  [/^Connection terminated( unexpectedly)?$/, 'lost'],
  [/is not queryable$/, 'lost'],
];

/** The reason the database is unreachable, when `error` says it is; null for any other error. */
export function unavailableReason(error: unknown): UnavailableReason | null {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const e = pending.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && byCode[code]) return byCode[code];
    if (typeof message === 'string') for (const [pattern, reason] of byMessage) if (pattern.test(message)) return reason;
    pending.push(cause);
    // Node reports a failed connect to a name with several addresses as an AggregateError.
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return null;
}
