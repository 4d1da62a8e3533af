import type { FakeChildEvent, FakeTicketEvent } from './fake-events.js';

/** One change of a fake ticket: its audit in the export and the webhooks Zendesk sends. */
export interface FakeChange {
  readonly audit: FakeTicketEvent;
  /** Ticket event webhooks (`zen:event-type:ticket.*`), as connectors' fixtures are shaped. */
  readonly webhooks: readonly Record<string, unknown>[];
}

export interface HistoryOptions {
  readonly tickets: number;
  /** Unix seconds of the first ticket's creation. */
  readonly start: number;
  /** Seconds between two tickets' creations. */
  readonly spacing?: number;
  /** The agent every ticket is worked by. */
  readonly agentId?: number;
}

/**
 * A deterministic history: each ticket is created by its requester (with a comment), gets
 * an agent's answer and `pending`, the customer's reply and `open`, an assignee, another
 * answer, and (two tickets in three) `solved`: six audits and nine or ten webhooks. One
 * ticket in four waits three hours for its first answer, so targets of an hour or two are
 * breached. Sorted by time.
 */
export function fakeHistory(options: HistoryOptions): FakeChange[] {
  const agent = options.agentId ?? 9000;
  let auditId = 1;
  let childId = 1;
  let hookId = 1;
  const changes: FakeChange[] = [];
  for (let n = 0; n < options.tickets; n++) {
    const ticket = 1000 + n;
    const requester = 500_000 + n;
    const t0 = options.start + n * (options.spacing ?? 60);
    const priority = n % 3 === 0 ? 'high' : 'normal';
    const detail = (t: number, status: string, assignee: number | null) => ({
      id: String(ticket),
      status: status.toUpperCase(),
      priority: priority.toUpperCase(),
      requester_id: String(requester),
      assignee_id: assignee === null ? null : String(assignee),
      group_id: '360001',
      tags: ['billing'],
      subject: `Ticket ${ticket}`,
      via: { channel: 'email' },
      created_at: iso(t0),
      updated_at: iso(t),
    });
    const hook = (t: number, kind: string, d: object, event?: object) => ({
      id: `01FAKE${String(hookId++).padStart(20, '0')}`,
      type: `zen:event-type:ticket.${kind}`,
      // Sent a little after the change: webhooks carry sub-second times, exports seconds.
      time: `${iso(t).slice(0, -1)}.${String(n % 1000).padStart(3, '0')}Z`,
      subject: `zen:ticket:${ticket}`,
      detail: d,
      ...(event ? { event } : {}),
    });
    const comment = (
      t: number,
      author: number,
      staff: boolean,
      status: string,
      assignee: number | null,
    ) =>
      hook(t, 'comment_added', detail(t, status, assignee), {
        comment: {
          id: String(childId),
          is_public: true,
          author: { id: String(author), is_staff: staff },
        },
      });
    const audit = (
      t: number,
      updater: number,
      child: Omit<FakeChildEvent, 'id'>[],
      via = false,
    ) => ({
      id: auditId++,
      ticket_id: ticket,
      timestamp: t,
      updater_id: updater,
      ...(via ? { via: { channel: 'email' } } : {}),
      child_events: child.map((c) => ({ ...c, id: childId++ }) as FakeChildEvent),
    });
    const first = n % 4 === 0 ? 3 * 3600 : 1200;
    const [t1, t2, t3, t4, t5] = [
      t0 + first,
      t0 + first + 1800,
      t0 + first + 2400,
      t0 + first + 3600,
      t0 + first + 7200,
    ];
    const created = { event_type: 'Create' };
    changes.push({
      webhooks: [
        hook(t0, 'created', detail(t0, 'new', null)),
        comment(t0, requester, false, 'new', null),
      ],
      audit: audit(
        t0,
        requester,
        [
          { ...created, status: 'new' },
          { ...created, priority },
          { ...created, group_id: 360001 },
          { ...created, requester_id: requester },
          { ...created, tags: ['billing'] },
          { ...created, subject: `Ticket ${ticket}` },
          { event_type: 'Comment', author_id: requester, public: true },
        ],
        true,
      ),
    });
    changes.push({
      webhooks: [
        comment(t1, agent, true, 'pending', null),
        hook(t1, 'status_changed', detail(t1, 'pending', null), {
          current: 'PENDING',
          previous: 'NEW',
        }),
      ],
      audit: audit(t1, agent, [
        { event_type: 'Comment', author_id: agent, public: true },
        { event_type: 'Change', status: 'pending', previous_value: 'new' },
      ]),
    });
    changes.push({
      webhooks: [
        comment(t2, requester, false, 'open', null),
        hook(t2, 'status_changed', detail(t2, 'open', null), {
          current: 'OPEN',
          previous: 'PENDING',
        }),
      ],
      audit: audit(t2, requester, [
        { event_type: 'Comment', author_id: requester, public: true },
        { event_type: 'Change', status: 'open', previous_value: 'pending' },
      ]),
    });
    changes.push({
      webhooks: [
        hook(t3, 'agent_assignment_changed', detail(t3, 'open', agent), {
          current: String(agent),
          previous: null,
        }),
      ],
      audit: audit(t3, agent, [{ event_type: 'Change', assignee_id: agent, previous_value: null }]),
    });
    changes.push({
      webhooks: [comment(t4, agent, true, 'open', agent)],
      audit: audit(t4, agent, [{ event_type: 'Comment', author_id: agent, public: true }]),
    });
    if (n % 3 !== 2)
      changes.push({
        webhooks: [
          hook(t5, 'status_changed', detail(t5, 'solved', agent), {
            current: 'SOLVED',
            previous: 'OPEN',
          }),
        ],
        audit: audit(t5, agent, [
          { event_type: 'Change', status: 'solved', previous_value: 'open' },
        ]),
      });
  }
  return changes.sort((a, b) => a.audit.timestamp - b.audit.timestamp || a.audit.id - b.audit.id);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
