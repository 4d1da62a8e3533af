import { formatPath, type Problem } from './errors.js';

const MESSAGE = 'must not contain the NUL character (\\u0000)';

/**
 * Strings holding the NUL character, anywhere in a value (keys included), as problems by
 * path. PostgreSQL's text and jsonb cannot store it: refused here, a body holding one gets
 * a 400 naming the field instead of failing in the database.
 */
export function nulProblems(value: unknown, path: readonly PropertyKey[] = []): Problem[] {
  if (typeof value === 'string')
    return value.includes('\u0000') ? [{ path: formatPath(path), message: MESSAGE }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulProblems(v, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes('\u0000') ? [{ path: formatPath([...path, k]), message: MESSAGE }] : []),
      ...nulProblems(v, [...path, k]),
    ]);
  return [];
}
