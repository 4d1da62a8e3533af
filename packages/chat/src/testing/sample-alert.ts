import type { AlertView } from '../views/types.js';

/**
 * An alert view for renderer tests: ticket T-1 (billing, high), its first response due in
 * 15 minutes at `now`, with `over` applied.
 */
export function sampleAlert(now: number, over: Partial<AlertView> = {}): AlertView {
  return {
    kind: 'alert',
    ticket: 'T-1',
    subject: 'Refund',
    url: 'https://help.example.com/T-1',
    priority: 'high',
    team: 'billing',
    metric: 'first_response',
    cycle: 1,
    state: { kind: 'warning', level: '75%' },
    dueAt: now + 15 * 60_000,
    breachedAt: null,
    assignee: { name: 'Ana' },
    late: false,
    now,
    ...over,
  };
}
