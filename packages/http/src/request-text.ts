import type { Problem } from '@breachless/core';

/**
 * Ids and filter values from a path or a query string: they reach indexed text columns,
 * where a btree row holds ~2,700 bytes, so 255 characters (of 4-byte UTF-8 at worst) fit.
 * The same bound as the ids of events (docs/formats.md, "Limits").
 */
export const MAX_TEXT_LENGTH = 255;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string from the request cannot be looked up, or `undefined` when it can: PostgreSQL
 * text holds no NUL and no lone surrogate (invalid once encoded as UTF-8), and an index row
 * has a size limit. Each would otherwise fail in the database as a 500.
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (%00)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  if (value.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  return undefined;
}

/** Adds a problem at `path` when `value` is given and cannot be looked up. */
export function checkText(path: string, value: string | undefined, problems: Problem[]): void {
  if (value === undefined) return;
  const message = textProblem(value);
  if (message) problems.push({ path, message });
}
