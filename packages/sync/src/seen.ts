import type { TicketEvent } from '@breachless/core';

/**
 * How far apart the same change may be stamped by a webhook and by the REST API: a
 * webhook's `time` is when the helpdesk sent it (sub-second), the export's the audit's
 * second.
 */
export const SAME_CHANGE_MS = 5_000;

type Atom = { key: string; at: number };

/**
 * What each event says, in parts a webhook and an export both say: each field an update
 * sets, a message's author and visibility, a creation, a deletion. Zendesk sends one
 * webhook per field changed where its export has one audit with all of them.
 */
function atoms(event: TicketEvent): Atom[] {
  const at = event.at;
  switch (event.type) {
    case 'ticket.created':
      return [{ key: 'created', at }];
    case 'ticket.deleted':
      return [{ key: 'deleted', at }];
    case 'message':
      return [{ key: `message|${event.author}|${event.public ?? true}`, at }];
    case 'ticket.updated':
      return Object.entries(event.fields).map(([name, value]) => ({
        key: fieldKey(name, value),
        at,
      }));
  }
}

const fieldKey = (name: string, value: unknown) => `field|${name}|${JSON.stringify(value)}`;

/**
 * The part of `read` (events read from a helpdesk's REST API) that the stored events of
 * the same tickets do not already say: a change its webhook delivered is left out, so a
 * change seen both ways is stored once. Each stored part covers one read part (a field set
 * twice to the same value is two changes); a creation or deletion is covered by any
 * stored one, whatever its instant, as a ticket has one. An update keeps the fields not
 * covered, under its own id.
 */
export function unseen(
  stored: readonly TicketEvent[],
  read: readonly TicketEvent[],
): TicketEvent[] {
  const pool = new Map<string, Atom[]>();
  for (const event of stored)
    for (const atom of atoms(event)) {
      const key = `${event.ticket}|${atom.key}`;
      const list = pool.get(key);
      if (list) list.push(atom);
      else pool.set(key, [atom]);
    }
  const take = (ticket: string, atom: Atom): boolean => {
    const list = pool.get(`${ticket}|${atom.key}`);
    if (!list) return false;
    const anyInstant = atom.key === 'created' || atom.key === 'deleted';
    const i = list.findIndex((s) => anyInstant || Math.abs(s.at - atom.at) <= SAME_CHANGE_MS);
    if (i < 0) return false;
    if (!anyInstant) list.splice(i, 1);
    return true;
  };
  const out: TicketEvent[] = [];
  for (const event of read) {
    if (event.type !== 'ticket.updated') {
      const [atom] = atoms(event);
      if (atom === undefined || !take(event.ticket, atom)) out.push(event);
      continue;
    }
    const fields = Object.fromEntries(
      Object.entries(event.fields).filter(
        ([name, value]) => !take(event.ticket, { key: fieldKey(name, value), at: event.at }),
      ),
    );
    if (Object.keys(fields).length > 0) out.push({ ...event, fields });
  }
  return out;
}
