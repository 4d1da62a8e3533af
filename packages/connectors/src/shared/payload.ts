import { formatPath, type Problem } from '@breachless/core';
import type { z } from 'zod';
import { ConnectorError } from '../errors.js';
import type { RawBody } from './hmac.js';

/**
 * Parses a webhook body. Accepts the raw bytes (the usual case: they were needed for the
 * signature) or a value the caller has already parsed.
 * @throws ConnectorError `payload_invalid` when the bytes are not JSON
 */
export function jsonBody(source: string, body: RawBody | unknown): unknown {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return body;
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectorError('payload_invalid', source, 'the body is not valid JSON', [], {
      cause: error,
    });
  }
}

/**
 * Checks a parsed payload against the shape a mapper reads.
 * @throws ConnectorError `payload_invalid` with every field that does not fit
 */
export function readPayload<S extends z.ZodType>(
  source: string,
  schema: S,
  value: unknown,
  what = 'the payload',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConnectorError('payload_invalid', source, `${what} is not shaped as expected`, [
    ...problemsOf(result.error.issues),
  ]);
}

/** zod issues as problems, with plain messages for the two that occur most. */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    path: formatPath(issue.path),
    message:
      issue.code === 'invalid_type' && /received undefined/.test(issue.message)
        ? 'is required'
        : issue.message,
  }));
}
