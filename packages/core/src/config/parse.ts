import { Lexer, parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { clientDataProblems, isTooDeep } from '../client-data.js';
import { ConfigError, formatPath, type Problem } from '../errors.js';
import { LIMITS } from '../limits.js';
import { readableError } from './choose.js';
import { reachProblems, sizeProblems } from './limits-check.js';
import { referenceProblems } from './references.js';
import { configSchema } from './schema.js';
import type { Config } from './types.js';

/** Turns zod issues into problems by path. */
function toProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Validates a configuration value as a whole.
 * @throws ConfigError listing every problem by path
 */
export function parseConfig(value: unknown): Config {
  // Depth and size first, alone when over a limit: the schema recurses into conditions, and
  // a config over the counts would cost seconds to validate for nothing.
  const data = clientDataProblems(value);
  const size = sizeProblems(value);
  if (isTooDeep(data) || size.length > 0) throw new ConfigError([...size, ...data]);
  const result = configSchema.safeParse(value, { error: readableError });
  const problems = [
    ...(result.success ? [] : toProblems(result.error.issues)),
    ...referenceProblems(value),
    ...data,
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const unreachable = reachProblems(result.data);
  if (unreachable.length > 0) throw new ConfigError(unreachable);
  return result.data;
}

/**
 * Reads the text of a config file (YAML, of which JSON is a subset) into a plain value,
 * without validating it: what gets stored as the body of a config version.
 * @throws ConfigError naming the line of a syntax error
 */
export function readConfigDocument(text: string): unknown {
  if (flowDepth(text) > LIMITS.maxDepth) throw new ConfigError([{ path: '(file)', message: DEEP }]);
  try {
    return parseYaml(text, { prettyErrors: true }) ?? {};
  } catch (cause) {
    const line = (cause as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const first = (cause as Error).message.split('\n')[0] ?? 'not YAML or JSON';
    // The YAML reader recurses: deep block nesting overflows its stack, which it reports.
    const message = first.startsWith('Maximum call stack size exceeded') ? DEEP : first;
    throw new ConfigError([{ path: line ? `line ${line}` : '(file)', message }], { cause });
  }
}

const DEEP = `is nested more than ${LIMITS.maxDepth} levels deep`;

/**
 * The deepest nesting of flow collections (`[`, `{`) in YAML or JSON text, found before the
 * YAML reader builds anything: 100,000 levels made it run out of memory. The YAML lexer
 * itself tells brackets from quoted or plain text (a tenth of the cost of a parse).
 */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') deepest = Math.max(deepest, ++depth);
    else if (token === ']' || token === '}') depth--;
  }
  return deepest;
}

/**
 * Parses the text of a config file (YAML or JSON) and validates it.
 * @throws ConfigError with the syntax error's line, or every validation problem by path
 */
export function parseConfigText(text: string): Config {
  return parseConfig(readConfigDocument(text));
}
