import { parseDestination } from '@breachless/core';
import type { ChatPort, MessageRef } from '../port/chat-port.js';
import type { AlertState, AlertView } from '../views/types.js';
import type { AlertPayload, ClaimedDelivery, UnsettledMessage } from './types.js';

const instant = (iso: string | null | undefined) => {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? null : at;
};

/** The fields of an alert that come from the outbox row, whatever its state now. */
export function alertView(
  d: { ticket: string; metric: string; cycle: number; late: boolean; payload: AlertPayload },
  state: AlertState,
  now: number,
  assigneeUser: string | undefined,
): AlertView {
  const p = d.payload;
  return {
    kind: 'alert',
    ticket: d.ticket,
    subject: p.subject ?? null,
    url: p.url ?? null,
    priority: p.priority ?? null,
    team: p.team ?? null,
    metric: d.metric,
    cycle: d.cycle,
    state,
    dueAt: instant(p.dueAt),
    breachedAt: instant(p.breachedAt),
    assignee: p.assignee
      ? { name: p.assignee, ...(assigneeUser ? { user: assigneeUser } : {}) }
      : null,
    late: d.late,
    now,
  };
}

/** An alert whose cycle stopped since it was posted: achieved, or no longer measured. */
export function settledView(m: UnsettledMessage, now: number, assigneeUser: string | undefined) {
  const state: AlertState = m.outcome === 'achieved' ? { kind: 'achieved' } : { kind: 'cancelled' };
  return alertView(m, state, now, assigneeUser);
}

/**
 * The state a notification announces: its warning level, or the breach (`breach`, and an
 * escalation ladder's reminders of it, `breach reminder 2 s1a2b3c`).
 */
export function stateOf(level: string): AlertState {
  return level === 'breach' || level.startsWith('breach ')
    ? { kind: 'breached' }
    : { kind: 'warning', level };
}

/**
 * Sends one delivery. The first level of a cycle at a destination posts a message; every
 * later level (a second warning, the breach) updates that message in place and answers in
 * its thread, so a channel holds one message per cycle whatever happens to it.
 * @returns the message the cycle lives in, and `breached` once it shows its final state
 */
export async function deliverAlert(
  port: ChatPort,
  d: ClaimedDelivery,
  view: AlertView,
): Promise<{ ref: MessageRef; settled: string | null }> {
  const settled = stateOf(d.level).kind === 'breached' ? 'breached' : null;
  if (d.root) {
    await port.update(d.root, view);
    await port.replyInThread(d.root, view);
    return { ref: d.root, settled };
  }
  const { kind, id } = parseDestination(d.destination);
  const conversation = kind === 'user' ? await port.openDm(id) : id;
  return { ref: await port.send(conversation, view), settled };
}
