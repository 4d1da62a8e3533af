import {
  type Engine,
  type FirstContactFact,
  type FirstContactOptions,
  type FirstContactRow,
  firstContactCsv,
  firstContactFact,
  firstContactReport,
  firstContactRowJson,
  type GroupKey,
  type TicketEvent,
} from '@breachless/core';
import { UsageError } from '../errors.js';
import { localTimeFormatter } from '../format/local-time.js';
import { table } from '../format/table.js';
import type { Io } from '../io.js';

type TicketKey = Exclude<GroupKey, 'metric'>;

/** `--by` of `report --first-contact`: `metric` is no grouping of tickets (as the API says). */
export function ticketKeys(by: readonly GroupKey[]): TicketKey[] {
  if (by.includes('metric'))
    throw new UsageError('--by: cannot group first contacts by "metric" (tickets have no metric)');
  return by.filter((k): k is TicketKey => k !== 'metric');
}

/** What `report --first-contact` prints besides its rows. */
export interface FirstContactPrint {
  readonly format: 'table' | 'csv' | 'json';
  readonly options: FirstContactOptions;
  readonly at: number;
}

/** First contact resolution over the tickets of an event file, as of `at`. */
export function fileFirstContact(
  engine: Engine,
  events: readonly TicketEvent[],
  { options, at }: FirstContactPrint,
): FirstContactRow[] {
  const facts = engine
    .evaluate(events, at)
    .map(firstContactFact)
    .filter((f): f is FirstContactFact => f !== null);
  return firstContactReport(facts, options);
}

/**
 * First contact resolution over a tenant's stored tickets: the rows the API's
 * `/v1/reports/first-contact` gives. The database code is loaded only here.
 */
export async function storedFirstContact(
  io: Io,
  tenant: string,
  options: FirstContactOptions,
): Promise<FirstContactRow[]> {
  const [{ firstContactRows }, { openServiceDatabase }] = await Promise.all([
    import('@breachless/db'),
    import('../database.js'),
  ]);
  const handle = await openServiceDatabase(io);
  try {
    return await firstContactRows(handle.db, tenant, options);
  } finally {
    await handle.close();
  }
}

/** The rows as the API writes them (JSON, CSV), or as a table people read. */
export function printFirstContact(
  io: Io,
  rows: readonly FirstContactRow[],
  { format, options, at }: FirstContactPrint,
): number {
  if (format === 'json')
    io.stdout(`${JSON.stringify({ rows: rows.map(firstContactRowJson) }, null, 2)}\n`);
  else if (format === 'csv') io.stdout(firstContactCsv(rows, options.by));
  else io.stdout(`${firstContactTable(rows, options, at)}\n`);
  return 0;
}

function firstContactTable(
  rows: readonly FirstContactRow[],
  { from, to, by, timezone = 'UTC' }: FirstContactOptions,
  at: number,
): string {
  const local = localTimeFormatter(timezone);
  const title = [
    `First contact resolution from ${local(from)} to ${local(to)} (end excluded), ${timezone}`,
    `tickets as of ${local(at)}; a ticket counts when it was solved or closed after an agent reply`,
  ].join('\n');
  if (rows.length === 0) return `${title}\n\nno answered ticket was resolved in this period`;
  const keys = [...new Set(by)];
  const header = [...keys, 'resolved', 'first contact', 'fcr'];
  const body = rows.map((r) => [
    ...keys.map((k) => r.group[k] ?? null),
    r.resolved,
    r.firstContact,
    r.fcrPct === null ? null : `${r.fcrPct.toFixed(2)}%`,
  ]);
  return `${title}\n\n${table(header, body, { right: ['fcr'] })}`;
}
