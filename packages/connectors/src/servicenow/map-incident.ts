import type { TicketFields } from '@breachless/core';
import type { Tally } from '../import/tally.js';
import { isoInstant } from './iso-instant.js';
import type { IncidentRow, Snapshot } from './row.js';
import { AWAITING_USER } from './values.js';

/** An event not yet validated, with the line of the row it comes from. */
interface MappedEvent {
  readonly line: number;
  readonly event: Record<string, unknown> & { readonly at: string };
}

/**
 * Replays one incident's audit rows as ticket events.
 *
 * - Rows are taken in time order (`sys_updated_at`, then `sys_mod_count` within a minute):
 *   the engine applies events by instant, and only this order makes the ticket after each
 *   event equal to the row that produced it.
 * - `ticket.created` (`<number>#created`) is at `opened_at`, with status `new` and the other
 *   fields of the first row; at the first row's instant instead when `opened_at` is missing
 *   or later (a few rows in the sample were updated before they were opened).
 * - Each later row is diffed with the one before: changed fields make one `ticket.updated`,
 *   `<number>#<sys_mod_count, 4 digits>` (zero-padded so that updates sharing a minute are
 *   applied in count order: the engine orders ties by id), `-2`, `-3`... for a count seen twice.
 * - Message stand-ins (the log has no messages): the first move out of New is a public
 *   agent message (`/first-response`), any move out of Awaiting User Info a public customer
 *   message (`/customer-reply`). Resolved back to Active is simply the status `open`.
 * - A row that changes nothing mapped is counted as skipped (`no change`).
 */
export function mapIncident(rows: readonly IncidentRow[], tally: Tally): MappedEvent[] {
  const sorted = [...rows].sort((a, b) => a.updatedAt - b.updatedAt || a.modCount - b.modCount);
  const first = sorted[0];
  if (first === undefined) return [];
  const ticket = first.number;
  const out: MappedEvent[] = [];
  let prev: Snapshot = { ...first.snapshot, status: 'new' };
  let prevState = 'New';
  let responded = false;
  out.push({
    line: first.line,
    event: {
      id: `${ticket}#created`,
      ticket,
      type: 'ticket.created',
      at: isoInstant(createdAt(rows, first.updatedAt, tally)),
      by: 'customer',
      fields: fields(prev),
    },
  });
  const ids = new Map<string, number>();
  for (const row of sorted) {
    const base = `${ticket}#${String(row.modCount).padStart(4, '0')}`;
    const seen = (ids.get(base) ?? 0) + 1;
    ids.set(base, seen);
    const id = seen === 1 ? base : `${base}-${seen}`;
    const at = isoInstant(row.updatedAt);
    const emitted: MappedEvent[] = [];
    const message = (suffix: string, author: 'agent' | 'customer') =>
      emitted.push({
        line: row.line,
        event: { id: `${id}/${suffix}`, ticket, type: 'message', at, author, public: true },
      });
    if (!responded && prevState === 'New' && row.state !== 'New') {
      responded = true;
      message('first-response', 'agent');
    }
    if (prevState === AWAITING_USER && row.state !== AWAITING_USER)
      message('customer-reply', 'customer');
    const changed = diff(prev, row.snapshot);
    if (changed !== undefined)
      emitted.push({
        line: row.line,
        event: { id, ticket, type: 'ticket.updated', at, fields: changed },
      });
    if (emitted.length === 0 && row !== first) tally.skip('no change');
    out.push(...emitted);
    prev = row.snapshot;
    prevState = row.state;
  }
  return out;
}

// `opened_at` is the same on every row; the creation may not follow the first update.
function createdAt(rows: readonly IncidentRow[], firstUpdate: number, tally: Tally): number {
  const opened = rows[0]?.openedAt;
  if (opened === undefined) {
    tally.adjust('opened_at missing: created at the first update');
    return firstUpdate;
  }
  if (opened > firstUpdate) {
    tally.adjust('opened_at after the first update: created at the first update');
    return firstUpdate;
  }
  return opened;
}

function fields(s: Snapshot): TicketFields {
  return {
    status: s.status,
    priority: s.priority,
    team: s.team,
    assignee: s.assignee,
    channel: s.channel,
    requester: s.requester,
    custom: { category: s.category },
  };
}

function diff(before: Snapshot, after: Snapshot): TicketFields | undefined {
  const changed: Record<string, unknown> = {};
  if (after.status !== before.status) changed.status = after.status;
  if (after.priority !== before.priority) changed.priority = after.priority;
  if (after.team !== before.team) changed.team = after.team;
  if (after.assignee !== before.assignee) changed.assignee = after.assignee;
  if (after.channel !== before.channel) changed.channel = after.channel;
  if (after.requester !== before.requester) changed.requester = after.requester;
  if (after.category !== before.category) changed.custom = { category: after.category };
  return Object.keys(changed).length === 0 ? undefined : (changed as TicketFields);
}
