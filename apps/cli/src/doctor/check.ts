/** One finding of `breachless doctor`. */
export interface Finding {
  readonly check: string;
  /** `ok`; `warn` works but deserves a look; `fail` will not work; `skip` not configured. */
  readonly status: 'ok' | 'warn' | 'fail' | 'skip';
  readonly detail: string;
  /** What to do about a warning or failure. */
  readonly fix?: string;
}

const LABEL = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' } as const;

/** The findings as lines a person scans: status, check, what was found, what to do. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) => `${LABEL[f.status]}  ${f.check}: ${f.detail}${f.fix ? `\n        fix: ${f.fix}` : ''}`,
    )
    .join('\n');
}
