import type { Instant, Problem, Status } from '@breachless/core';
import type { CsvRecord } from '../csv/records.js';
import { ConnectorError } from '../errors.js';
import { lookup } from '../shared/lookup.js';
import { cell, INCIDENT_STATES, incidentChannel, incidentPriority, SERVICENOW } from './values.js';

/**
 * The columns the mapping reads. The case-level columns (`resolved_at`, `closed_at`,
 * `resolved_by`, `closed_code`, `made_sla`) are deliberately absent: they are copied onto
 * every row of an incident, so reading them would leak the outcome into earlier events.
 * `opened_at` is case-level too, but it is known from the start.
 */
const SERVICENOW_COLUMNS = [
  'number',
  'incident_state',
  'sys_mod_count',
  'sys_updated_at',
  'opened_at',
  'priority',
  'assignment_group',
  'assigned_to',
  'contact_type',
  'category',
  'caller_id',
] as const;
type Column = (typeof SERVICENOW_COLUMNS)[number];
export type Columns = Readonly<Record<Column, number>> & { readonly width: number };

/** The ticket fields one row shows, compared row to row to find what changed. */
export interface Snapshot {
  readonly status: Status;
  readonly priority: string | null;
  readonly team: string | null;
  readonly assignee: string | null;
  readonly channel: string | null;
  readonly requester: string | null;
  readonly category: string | null;
}

/** One audit row of an incident, read. */
export interface IncidentRow {
  readonly line: number;
  readonly number: string;
  /** `incident_state` as written: the message stand-ins read the raw state. */
  readonly state: string;
  readonly modCount: number;
  /** `sys_updated_at`: the instant of this row's change. */
  readonly updatedAt: Instant;
  /** `opened_at`, known at creation; `undefined` when missing or unreadable. */
  readonly openedAt: Instant | undefined;
  readonly snapshot: Snapshot;
}

/**
 * Finds the columns in the header row.
 * @throws ConnectorError `file_invalid` naming every missing column
 */
export function readHeader(fields: readonly string[]): Columns {
  const index = new Map(fields.map((name, i) => [name.trim(), i]));
  const missing = SERVICENOW_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0)
    throw new ConnectorError(
      'file_invalid',
      SERVICENOW,
      'the header lacks columns of the ServiceNow incident event log',
      missing.map((c) => ({ path: c, message: 'column is missing' })),
    );
  const columns = Object.fromEntries(SERVICENOW_COLUMNS.map((c) => [c, index.get(c) ?? -1]));
  return { ...(columns as Record<Column, number>), width: fields.length };
}

/**
 * Which of the file's columns to read (`CsvReader.keep`): the mapping's, and the first,
 * which tells a blank line from a row of one field.
 */
export function keptColumns(columns: Columns): boolean[] {
  const keep = new Array<boolean>(columns.width).fill(false);
  for (const c of SERVICENOW_COLUMNS) keep[columns[c]] = true;
  keep[0] = true;
  return keep;
}

/** A row read, a row skipped on purpose (and why), or a row refused with its problems. */
type RowResult = IncidentRow | { readonly skip: string } | { readonly problems: Problem[] };

/** Reads one data row. */
export function readRow(
  record: CsvRecord,
  columns: Columns,
  readDate: (text: string) => Instant | undefined,
): RowResult {
  const f = record.fields;
  if (record.error !== undefined) return { problems: [{ path: '(row)', message: record.error }] };
  if (f.length !== columns.width)
    return {
      problems: [{ path: '(row)', message: `has ${f.length} fields, the header ${columns.width}` }],
    };
  const get = (c: Column) => f[columns[c]];
  const state = get('incident_state') ?? '';
  if (state === '-100') return { skip: 'incident_state -100 (junk row)' };
  const problems: Problem[] = [];
  const number = cell(get('number'));
  if (number === null) problems.push({ path: 'number', message: 'is missing' });
  const status = lookup(INCIDENT_STATES, state);
  if (status === undefined)
    problems.push({ path: 'incident_state', message: `"${state}" is not a known state` });
  const modCount = Number(get('sys_mod_count'));
  if (!Number.isInteger(modCount) || modCount < 0)
    problems.push({ path: 'sys_mod_count', message: `"${get('sys_mod_count')}" is not a count` });
  const updatedText = get('sys_updated_at') ?? '';
  const updatedAt = readDate(updatedText);
  if (updatedAt === undefined)
    problems.push({ path: 'sys_updated_at', message: `"${updatedText}" is not d/M/yyyy H:mm` });
  if (problems.length > 0 || number === null || status === undefined || updatedAt === undefined)
    return { problems };
  return {
    line: record.line,
    number,
    state,
    modCount,
    updatedAt,
    openedAt: readDate(get('opened_at') ?? ''),
    snapshot: {
      status,
      priority: incidentPriority(get('priority')),
      team: cell(get('assignment_group')),
      assignee: cell(get('assigned_to')),
      channel: incidentChannel(get('contact_type')),
      requester: cell(get('caller_id')),
      category: cell(get('category')),
    },
  };
}
