import type { Problem } from '@breachless/core';
import { HttpError } from './errors.js';
import { checkDepth, mediaType } from './request-body.js';

/**
 * The body as a list of at most `max` values: a JSON array, or NDJSON (one object per line),
 * none nested deeper than `MAX_BODY_DEPTH`.
 * NDJSON lines are counted before any is parsed, so 200,000 lines cost a count, not a parse.
 * @throws HttpError 400 naming the lines that are not JSON, 413 over `max`, 415 for another content type
 */
export function readValues(
  text: string,
  contentType: string | undefined,
  noun: string,
  max: number,
): unknown[] {
  const type = mediaType(contentType);
  if (type === 'application/json') {
    checkDepth(text);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new HttpError(400, 'body is not valid JSON', undefined, { cause });
    }
    if (!Array.isArray(value)) throw new HttpError(400, `body must be a JSON array of ${noun}`);
    if (value.length > max)
      throw new HttpError(413, `at most ${max} ${noun} per request, got ${value.length}`);
    return value;
  }
  if (type === 'application/x-ndjson') {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length > max)
      throw new HttpError(413, `at most ${max} ${noun} per request, got ${lines.length}`);
    const problems: Problem[] = [];
    for (const line of lines) checkDepth(line);
    const values = lines.map((line, index) => {
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
