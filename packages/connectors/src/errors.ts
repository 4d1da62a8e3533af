import { BreachlessError, type Problem } from '@breachless/core';

/**
 * What went wrong, for callers that branch on it:
 * - `payload_invalid`: a webhook body or export record is not shaped as documented
 * - `event_invalid`: a mapping produced an event the core rejects (bad data, or a bug here)
 * - `options_invalid`: connector options that cannot work (an unknown time zone, ...)
 * - `file_invalid`: an import file that cannot be read at all (a missing CSV column, ...)
 */
type ConnectorErrorCode = 'payload_invalid' | 'event_invalid' | 'options_invalid' | 'file_invalid';

/**
 * An input a connector cannot map. `reason` is one plain sentence for a log line or an
 * HTTP 400 body; `problems` names each field when there are several.
 */
export class ConnectorError extends BreachlessError {
  readonly code: ConnectorErrorCode;
  /** The connector that refused: `zendesk`, `github`, `jira`, `servicenow-csv`, ... */
  readonly source: string;
  readonly reason: string;
  readonly problems: readonly Problem[];

  constructor(
    code: ConnectorErrorCode,
    source: string,
    reason: string,
    problems: readonly Problem[] = [],
    options?: ErrorOptions,
  ) {
    const detail = problems.map((p) => `\n  ${p.path}: ${p.message}`).join('');
    super(`${source}: ${reason}${detail}`, options);
    this.name = 'ConnectorError';
    this.code = code;
    this.source = source;
    this.reason = reason;
    this.problems = problems;
  }
}
