import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TicketEvent } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { openImport } from '../import/source.js';
import { Tally } from '../import/tally.js';
import type { ImportItem } from '../import/types.js';
import { collect } from '../testing/fixtures.js';
import { serviceNowItems } from './import.js';

const HEADER =
  'number,incident_state,sys_mod_count,sys_updated_at,opened_at,priority,assignment_group,assigned_to,contact_type,category,caller_id,resolved_at,closed_at,made_sla';

function row(cells: Record<string, string>): string {
  const defaults: Record<string, string> = {
    priority: '3 - Moderate',
    assignment_group: 'Group 1',
    assigned_to: '?',
    contact_type: 'Phone',
    category: 'Category 9',
    caller_id: 'Caller 7',
    opened_at: '1/3/2016 09:00',
    resolved_at: '2/3/2016 10:00',
    closed_at: '7/3/2016 10:00',
    made_sla: 'true',
  };
  return HEADER.split(',')
    .map((c) => cells[c] ?? defaults[c] ?? '')
    .join(',');
}

async function read(lines: string[]): Promise<{ items: ImportItem[]; tally: Tally }> {
  const tally = new Tally();
  // Chunks split mid-line, as a stream does.
  const text = `${[HEADER, ...lines].join('\n')}\n`;
  const chunks = (async function* () {
    for (let i = 0; i < text.length; i += 37) yield text.slice(i, i + 37);
  })();
  return { items: await collect(serviceNowItems(chunks, {}, tally)), tally };
}

const events = (items: ImportItem[]): TicketEvent[] =>
  items.flatMap((i) => ('event' in i ? [i.event] : []));

describe('serviceNowItems', () => {
  const incident = [
    row({
      number: 'INC1',
      incident_state: 'New',
      sys_mod_count: '0',
      sys_updated_at: '1/3/2016 09:05',
    }),
    // Rows out of order within the incident: sorted by instant, then by count.
    row({
      number: 'INC1',
      incident_state: 'Resolved',
      sys_mod_count: '3',
      sys_updated_at: '2/3/2016 10:00',
    }),
    row({
      number: 'INC1',
      incident_state: 'Active',
      sys_mod_count: '1',
      sys_updated_at: '1/3/2016 09:30',
      assigned_to: 'Resolver 4',
    }),
    row({
      number: 'INC1',
      incident_state: 'Active',
      sys_mod_count: '2',
      sys_updated_at: '1/3/2016 09:30',
      assigned_to: 'Resolver 4',
    }),
    row({
      number: 'INC2',
      incident_state: '-100',
      sys_mod_count: '0',
      sys_updated_at: '1/3/2016 11:00',
    }),
  ];

  it('replays an incident as creation, first response and updates, in order', async () => {
    const { items, tally } = await read(incident);
    const mapped = events(items);
    expect(mapped.map((e) => [e.id, e.type, new Date(e.at).toISOString()])).toEqual([
      ['INC1#created', 'ticket.created', '2016-03-01T09:00:00.000Z'],
      ['INC1#0001/first-response', 'message', '2016-03-01T09:30:00.000Z'],
      ['INC1#0001', 'ticket.updated', '2016-03-01T09:30:00.000Z'],
      ['INC1#0003', 'ticket.updated', '2016-03-02T10:00:00.000Z'],
    ]);
    const created = mapped[0];
    expect(created?.type === 'ticket.created' && created.fields).toMatchObject({
      status: 'new',
      priority: 'normal',
      team: 'Group 1',
      channel: 'phone',
      requester: 'Caller 7',
    });
    expect(tally.snapshot()).toMatchObject({
      records: 5,
      rejected: 0,
      skipped: { 'incident_state -100 (junk row)': 1, 'no change': 1 },
    });
  });

  it('never reads the future from case-level columns', async () => {
    const { items } = await read(incident);
    const blanked = incident.map((line) =>
      line.replace('2/3/2016 10:00,7/3/2016 10:00,true', '?,?,false'),
    );
    expect(blanked).not.toEqual(incident);
    expect(events((await read(blanked)).items)).toEqual(events(items));
  });

  it('rejects unreadable rows with their line and field, and goes on', async () => {
    const { items } = await read([
      row({
        number: 'INC3',
        incident_state: 'Limbo',
        sys_mod_count: 'x',
        sys_updated_at: '2016-03-01',
      }),
      ...incident,
    ]);
    const rejected = items.filter((i) => 'problems' in i);
    expect(rejected).toEqual([
      {
        line: 2,
        problems: [
          { path: 'incident_state', message: '"Limbo" is not a known state' },
          { path: 'sys_mod_count', message: '"x" is not a count' },
          { path: 'sys_updated_at', message: '"2016-03-01" is not d/M/yyyy H:mm' },
        ],
      },
    ]);
    expect(events(items)).toHaveLength(4);
  });

  it('rejects a state named like a built-in object property as unknown', async () => {
    const states = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];
    const { items } = await read(
      states.map((state, i) =>
        row({
          number: `INC${i}`,
          incident_state: state,
          sys_mod_count: '0',
          sys_updated_at: '1/3/2016 09:00',
        }),
      ),
    );
    expect(items.flatMap((i) => ('problems' in i ? i.problems : []))).toEqual(
      states.map((s) => ({ path: 'incident_state', message: `"${s}" is not a known state` })),
    );
  });
});

describe('the sample ServiceNow log', () => {
  it('maps every row without a rejection, one creation per incident', async () => {
    const path = join(
      fileURLToPath(import.meta.url),
      '../../../../../data/incident_event_log.csv.gz',
    );
    const source = openImport(path, 'servicenow-csv');
    const created = new Set<string>();
    let first: TicketEvent | undefined;
    for await (const item of source) {
      expect('problems' in item ? item.problems : []).toEqual([]);
      if ('event' in item && item.event.type === 'ticket.created') created.add(item.event.ticket);
      if ('event' in item) first ??= item.event;
    }
    const stats = source.stats();
    // The data README: 141,712 rows for 24,918 incidents.
    expect(stats.records).toBe(141_712);
    expect(created.size).toBe(24_918);
    expect(stats.rejected).toBe(0);
    expect(source.progress().bytesRead).toBe(source.progress().totalBytes);
    // INC0000045 was opened at 01:16 and resolved at 11:29 the same day (row 1 shows both).
    expect(first).toMatchObject({
      id: 'INC0000045#created',
      at: Date.parse('2016-02-29T01:16:00Z'),
    });
    expect(first?.type === 'ticket.created' && first.fields.status).toBe('new');
  });
});
