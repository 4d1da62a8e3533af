import { formatPath, type Problem } from './errors.js';
import { LIMITS } from './limits.js';

const NUL = 'must not contain the NUL character (\\u0000)';
const SURROGATE = 'must not contain a lone UTF-16 surrogate (like \\ud800)';
const DEEP = `is nested more than ${LIMITS.maxDepth} levels deep`;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(text)) return SURROGATE;
  return undefined;
}

interface Pending {
  readonly value: unknown;
  readonly path: readonly PropertyKey[];
  /** Objects and lists this value sits inside. */
  readonly depth: number;
}

/**
 * What PostgreSQL's text and jsonb cannot store, or what no code should walk, anywhere in a
 * value (keys included), as problems by path: the NUL character, lone UTF-16 surrogates
 * (invalid UTF-8 once encoded), and nesting deeper than `LIMITS.maxDepth`. A body holding
 * one gets a 400 naming the field instead of failing in the database.
 *
 * The walk is iterative with an explicit stack, and stops at the depth limit, so a body
 * nested a million levels is a problem, never a stack overflow.
 */
export function clientDataProblems(value: unknown, path: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  const stack: Pending[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    if (typeof item.value === 'string') {
      const message = textProblem(item.value);
      if (message) problems.push({ path: formatPath(item.path), message });
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= LIMITS.maxDepth) {
      problems.push({ path: formatPath(item.path), message: DEEP });
      continue;
    }
    const depth = item.depth + 1;
    const children: Pending[] = [];
    if (Array.isArray(item.value)) {
      for (const [i, v] of item.value.entries())
        children.push({ value: v, path: [...item.path, i], depth });
    } else {
      for (const [k, v] of Object.entries(item.value)) {
        const at = [...item.path, k];
        // The key is checked as a string at its own path, just before its value.
        children.push({ value: k, path: at, depth }, { value: v, path: at, depth });
      }
    }
    // Reversed onto the stack, so problems come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Pending);
  }
  return problems;
}

/** Whether a value nests deeper than `LIMITS.maxDepth`: then no schema may walk it. */
export function isTooDeep(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.message === DEEP);
}
