import { z } from 'zod';

/**
 * A schema that picks the schema to apply by looking at the value. A plain `z.union`
 * reports every branch's errors; users need the errors of the branch they meant.
 */
export function choose<T>(pick: (value: unknown) => z.ZodType<T>) {
  return z.unknown().transform((value, ctx): T => {
    const result = pick(value).safeParse(value, { error: readableError });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: issue.path as (string | number)[],
      });
    }
    return z.NEVER;
  });
}

/** Plain-language messages for the structural errors zod finds. */
export function readableError(issue: z.core.$ZodRawIssue): string | undefined {
  if (
    issue.input === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  )
    return 'is required';
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const input = issue.input;
    const got = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input;
    const expected =
      issue.expected === 'array' ? 'a list' : `${article(issue.expected)} ${issue.expected}`;
    return `must be ${expected}, not ${got}`;
  }
  // A record's key that fails its own schema: say what that schema said (a key too long).
  if (issue.code === 'invalid_key') return issue.issues.map((i) => i.message).join('; ');
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
