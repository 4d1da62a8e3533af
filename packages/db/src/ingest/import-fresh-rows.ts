import { type Evaluation, firstContactFact } from '@breachless/core';
import { cycleCells } from './cycle-rows.js';
import { copyField, isoText, jsonField } from './event-copy.js';

/** The cycle columns in cycleCells' order, after the tenant. */
export const CYCLE_COLUMNS =
  'tenant_id, ticket_id, metric, cycle, status, policy, calendar, target_seconds, elapsed_seconds, ' +
  'started_at, stopped_at, due_at, breached_at, outcome_at, warnings_fired, fired, next_check_at, ' +
  'team, agent, priority, channel, evaluated_at, organization, requester, contract';

/** Which of cycleCells' cells are instants (epoch milliseconds) and which are JSON. */
const INSTANT = new Set([8, 9, 10, 11, 12, 15]);
const JSON_CELL = new Set([13, 14]);
/** cycleCells' evaluated instant: the same for every row of a batch. */
const EVALUATED_AT = 20;

const iso = isoText;

/** A value as a COPY text field: NULL as \N, text escaped, JSON as its text. */
function cell(value: unknown, k: number): string {
  if (value === null || value === undefined) return '\\N';
  if (INSTANT.has(k)) return iso(value as number);
  if (JSON_CELL.has(k)) return jsonField(JSON.stringify(value));
  return typeof value === 'string' ? copyField(value) : String(value);
}

/** Lines joined into strings of 500 rows, each ended by a newline. */
function chunked(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 500)
    chunks.push(`${lines.slice(i, i + 500).join('\n')}\n`);
  return chunks;
}

/**
 * The tickets' rows and their cycles' as COPY text, as recomputeTickets writes them
 * (updateTickets, replaceCycleCells): a ticket none of whose events has taken effect keeps
 * the fields of a new row and has no cycles; `resolved_at` is the first contact fact's.
 * Each line is joined from an array of its fields: a flat string, where appending made a
 * tree of a string per field that lived, and was copied by each young collection, until
 * the rows were sent.
 */
export function rowText(
  tenant: string,
  tickets: readonly string[],
  evaluations: ReadonlyMap<string, Evaluation>,
  now: number,
): { tickets: (revision: (i: number) => number) => string[]; cycles: string[] } {
  const lead = copyField(tenant);
  const evaluatedAt = iso(now);
  // Each ticket's row before its revision, and after it.
  const heads: string[] = [];
  const tails: string[] = [];
  const cycles: string[] = [];
  const fields: string[] = [];
  for (const id of tickets) {
    const { result, checkpoint } = evaluations.get(id) as Evaluation;
    if (checkpoint.lastAt === null) {
      heads.push([lead, copyField(id), '{}', '\\N', 'open', '\\N', evaluatedAt].join('\t'));
      tails.push('\\N\t\\N');
      continue;
    }
    const contact = firstContactFact(result);
    const resolvedAt = contact?.resolvedAt;
    heads.push(
      [
        lead,
        copyField(id),
        jsonField(JSON.stringify(result.fields)),
        cell(result.policy, -1),
        copyField(result.state),
        iso(checkpoint.lastAt),
        evaluatedAt,
      ].join('\t'),
    );
    tails.push(
      `${typeof resolvedAt === 'number' ? iso(resolvedAt) : '\\N'}\t${contact ? jsonField(JSON.stringify(contact)) : '\\N'}`,
    );
    for (const c of result.cycles) {
      const cells = cycleCells(result, c, now);
      fields.length = 0;
      fields.push(lead);
      for (let k = 0; k < cells.length; k++)
        fields.push(k === EVALUATED_AT ? evaluatedAt : cell(cells[k], k));
      cycles.push(fields.join('\t'));
    }
  }
  return {
    tickets: (revision) => chunked(heads.map((head, i) => `${head}\t${revision(i)}\t${tails[i]}`)),
    cycles: chunked(cycles),
  };
}
