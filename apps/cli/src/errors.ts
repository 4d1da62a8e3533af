/** Bad input from the user (flags, files, config, events): exit code 2 and a plain message. */
export class UsageError extends Error {
  readonly code = 'usage';
  /** The usage text to print under the message, when the command line itself was wrong. */
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/**
 * A failure the user can act on, whose message says how (another process holds the embedded
 * database): exit code 1 and the message alone, not "unexpected failure".
 */
export class ActionableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ActionableError';
  }
}
