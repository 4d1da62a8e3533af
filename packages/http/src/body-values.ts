import type { Problem } from '@breachless/core';
import { HttpError } from './errors.js';

/**
 * The body as a list of values: a JSON array, or NDJSON (one object per line).
 * @throws HttpError 400 naming each line that is not JSON, 415 for another content type
 */
export function readValues(text: string, contentType: string, noun: string): unknown[] {
  if (contentType.startsWith('application/json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'body is not valid JSON');
    }
    if (!Array.isArray(value)) throw new HttpError(400, `body must be a JSON array of ${noun}`);
    return value;
  }
  if (contentType.startsWith('application/x-ndjson')) {
    const problems: Problem[] = [];
    const values = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          problems.push({ path: `[${index}]`, message: 'not valid JSON' });
          return undefined;
        }
      });
    if (problems.length) throw new HttpError(400, `invalid ${noun}`, problems);
    return values;
  }
  throw new HttpError(415, 'send application/json (an array) or application/x-ndjson');
}
