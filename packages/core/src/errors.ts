/** One thing wrong with an input, named by where it is. */
export interface Problem {
  /** Where: `policies[2].targets.first_response.high`, or `line 3: at`. */
  readonly path: string;
  readonly message: string;
}

/** Formats a zod path the way users write it: `policies[2].targets.first_response.high`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

/**
 * The root of every error Breachless raises on purpose. Callers branch with `instanceof`
 * on the subclasses or on the readonly `code`; `cause` keeps what was underneath.
 */
export abstract class BreachlessError extends Error {
  abstract readonly code: string;
}

/** A configuration (calendars and policies) that does not validate, with every problem. */
export class ConfigError extends BreachlessError {
  readonly code = 'config_invalid';
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: ErrorOptions) {
    super(formatProblems('invalid config', problems), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A batch of ticket events of which at least one is invalid; the batch is rejected whole. */
export class EventsError extends BreachlessError {
  readonly code = 'events_invalid';
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: ErrorOptions) {
    super(formatProblems('invalid events', problems), options);
    this.name = 'EventsError';
    this.problems = problems;
  }
}

function formatProblems(title: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`);
  return `${title} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
