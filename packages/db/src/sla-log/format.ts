import { formatInstant } from '@breachless/core';
import type { SlaLogRow } from './query.js';

/**
 * Business seconds past the target (a breached cycle) or left of it (any other cycle but a
 * cancelled one, which counts nowhere), as the ticket's last evaluation left the cycle: an
 * achieved cycle keeps the margin it stopped with.
 */
function overdueOrRemaining(row: SlaLogRow): { overdue: number | null; remaining: number | null } {
  if (row.outcome === 'cancelled') return { overdue: null, remaining: null };
  const left = row.targetSeconds - row.elapsedSeconds;
  if (row.outcome === 'breached') return { overdue: Math.max(0, -left), remaining: null };
  return { overdue: null, remaining: Math.max(0, left) };
}

const at = (ms: number | null) => (ms === null ? null : formatInstant(ms));

/** A row of the SLA log as the API's and the CLI's JSON give it (formats.md). */
export function slaLogJson(row: SlaLogRow) {
  const { overdue, remaining } = overdueOrRemaining(row);
  return {
    ticket: row.ticket,
    organization: row.organization,
    requester: row.requester,
    team: row.team,
    agent: row.agent,
    priority: row.priority,
    policy: row.policy,
    contract: row.contract,
    metric: row.metric,
    cycle: row.cycle,
    targetSeconds: row.targetSeconds,
    startedAt: formatInstant(row.startedAt),
    // The engine keeps a due instant only while a cycle runs; a breached one was due when it breached.
    dueAt: at(row.dueAt ?? row.breachedAt),
    stoppedAt: at(row.stoppedAt),
    breachedAt: at(row.breachedAt),
    outcome: row.outcome,
    overdueSeconds: overdue,
    remainingSeconds: remaining,
  };
}

/** The CSV columns, in the order of `slaLogJson`'s fields. */
const HEADER = [
  'ticket',
  'organization',
  'requester',
  'team',
  'agent',
  'priority',
  'policy',
  'contract',
  'metric',
  'cycle',
  'target_s',
  'started_at',
  'due_at',
  'stopped_at',
  'breached_at',
  'outcome',
  'overdue_s',
  'remaining_s',
];

/** RFC 4180: quote a cell holding a comma, a quote or a line break; double the quotes. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The SLA log's CSV header line (RFC 4180, CRLF line end). */
export const SLA_LOG_CSV_HEADER = `${HEADER.join(',')}\r\n`;

/** Rows as CSV lines under `SLA_LOG_CSV_HEADER`, each ending CRLF; empty cells for nulls. */
export function slaLogCsv(rows: readonly SlaLogRow[]): string {
  let out = '';
  for (const row of rows) out += `${Object.values(slaLogJson(row)).map(cell).join(',')}\r\n`;
  return out;
}

/**
 * The SLA log as text chunks, a page at a time: CSV (header first) or one JSON array of
 * rows, so a reader can write each chunk out before the next page is read.
 */
export async function* slaLogText(
  pages: AsyncIterable<readonly SlaLogRow[]>,
  format: 'csv' | 'json',
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield SLA_LOG_CSV_HEADER;
    for await (const page of pages) yield slaLogCsv(page);
    return;
  }
  let first = true;
  yield '[';
  for await (const page of pages) {
    const lines = page.map((row) => JSON.stringify(slaLogJson(row)));
    yield `${first ? '\n' : ',\n'}${lines.join(',\n')}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
