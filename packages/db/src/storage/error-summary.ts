/** What of an error may be logged or stored: never the query text or its parameters. */
export interface ErrorSummary {
  readonly message: string;
  /** The PostgreSQL SQLSTATE (`22003` out of range...) or the driver's code (`ECONNREFUSED`). */
  readonly code?: string;
}

/** Longer messages are cut: a message is for recognising the failure, not for carrying data. */
const MAX_MESSAGE = 300;
/** How deep a `cause` chain is followed: a cycle or a hostile chain cannot make it loop. */
const MAX_DEPTH = 8;
const CODE = /^[0-9A-Z_]{1,64}$/;

/**
 * Summarises an error for logs and for the quarantine table. drizzle wraps every database
 * error in one whose message is "Failed query: <sql> params: <every parameter>", and the
 * parameters are whole event bodies and cycle rows; postgres.js and PGlite attach the query
 * and parameters to their errors too, and PostgreSQL's `detail` quotes the offending values.
 * So the summary keeps only the SQLSTATE and the message of the error that PostgreSQL
 * raised (found by walking `cause`), or the plain message of any other error.
 */
export function errorSummary(error: unknown): ErrorSummary {
  let current: unknown = error;
  let fallback: string | undefined;
  for (let depth = 0; depth < MAX_DEPTH && current !== undefined && current !== null; depth++) {
    const code = sqlState(current);
    const message = messageOf(current);
    if (code !== undefined) return { message: clip(message ?? 'database error'), code };
    // A drizzle wrapper's own message is the query and its parameters: only its cause counts.
    if (message !== undefined && !message.startsWith('Failed query:')) fallback ??= message;
    current = (current as { cause?: unknown }).cause;
  }
  return { message: clip(fallback ?? 'database query failed') };
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && CODE.test(code) ? code : undefined;
}

function messageOf(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/** One line (the core lists a config's problems on lines of their own), cut to length. */
function clip(message: string): string {
  const line = message.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}
