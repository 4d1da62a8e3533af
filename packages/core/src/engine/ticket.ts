import type { BusinessCalendar } from '../calendar/types.js';
import { DEFAULT_PAUSE } from '../config/policy-schema.js';
import type { Status } from '../config/statuses.js';
import type { Metric, Policy } from '../config/types.js';
import type { TargetChoice } from '../contracts/target-choice.js';
import type { TicketEvent, TicketFields } from '../events/types.js';
import { formatDuration } from '../time/duration.js';
import { Cycle } from './cycle.js';
import { CycleList } from './cycle-list.js';
import { applyFields } from './fields.js';
import { CYCLE_BYTES, EVENT_BYTES, textBytes } from './heap-bytes.js';
import { selectPolicy } from './policy-match.js';
import type { ContactFacts } from './types.js';

/** What a ticket machine needs from the compiled configuration. */
export interface EngineContext {
  readonly policies: readonly Policy[];
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  /** Each cycle's target and calendar: the policy's, or its organization's contract's. */
  readonly targets: TargetChoice;
  /** Record each cycle's timeline, for explanations. */
  readonly trace: boolean;
}

const isDone = (status: Status) => status === 'solved' || status === 'closed';

/**
 * One ticket's SLA state, fed its events in order, one instant at a time
 * (semantics.md sections 3-6).
 */
export class TicketMachine {
  readonly id: string;
  readonly #cycles = new CycleList();
  fields: TicketFields = {};
  status: Status = 'new';
  policy: Policy | undefined;
  created = false;
  deleted = false;
  readonly #context: EngineContext;
  readonly #numbers: Record<Metric, number> = {
    first_response: 0,
    next_response: 0,
    periodic_update: 0,
    resolution: 0,
  };
  #lastAt: number | null = null;
  /** First contact resolution's facts: replies before resolution, reopens, the resolution. */
  #contact: ContactFacts = {
    agentReplies: 0,
    reopened: false,
    resolvedAt: null,
    resolvedFields: null,
  };
  /** A rough count of the bytes the machine holds, for caches that keep it. */
  #bytes = 0;
  #applied = 0;

  constructor(id: string, context: EngineContext) {
    this.id = id;
    this.#context = context;
  }

  /** Every cycle, in the order they started. */
  get cycles(): readonly Cycle[] {
    return this.#cycles.all;
  }

  get context(): EngineContext {
    return this.#context;
  }

  get contact(): ContactFacts {
    return this.#contact;
  }

  /** The instant of the last events applied; `null` before the first. */
  get lastAt(): number | null {
    return this.#lastAt;
  }

  /** How many events were applied (those ignored, such as any after deletion, included). */
  get applied(): number {
    return this.#applied;
  }

  /** Roughly how many bytes of memory the machine holds. */
  get bytes(): number {
    return this.#bytes + this.cycles.length * CYCLE_BYTES;
  }

  /** Applies `events[from..to)`, all at one instant, after letting the clocks run up to it. */
  applyInstant(at: number, events: readonly TicketEvent[], from = 0, to = events.length): void {
    this.runUntil(at);
    this.#applied += to - from;
    for (let i = from; i < to; i++) {
      const event = events[i] as TicketEvent;
      this.#bytes += EVENT_BYTES + ('fields' in event ? textBytes(event.fields) : 0);
      this.#apply(event, at);
      this.#cycles.prune();
    }
    this.#lastAt = at;
  }

  /** Lets every open clock run up to `at`, firing the levels reached strictly before it. */
  runUntil(at: number): void {
    if (this.#lastAt === null) return;
    for (const cycle of this.#cycles.open()) cycle.advance(this.#lastAt, at, this.fields);
  }

  /** Starts recording which cycles change, for a result of only those (`changed`). */
  watch(): void {
    this.#cycles.watch();
  }

  /** Positions of the cycles changed since `watch()`, in start order: open, new, reopened. */
  changed(): number[] {
    return this.#cycles.changed();
  }

  /**
   * The cycles at `positions` as they stand at `now`: open ones as copies run up to it, so
   * that the machine stays at its last event for later events to continue from.
   */
  cyclesAt(now: number, positions: readonly number[]): Cycle[] {
    return positions.map((n) => {
      const cycle = this.#cycles.all[n] as Cycle;
      if (!cycle.isOpen || this.#lastAt === null) return cycle;
      const copy = cycle.copy();
      copy.advance(this.#lastAt, now, this.fields);
      return copy;
    });
  }

  #apply(event: TicketEvent, at: number): void {
    if (this.deleted) return;
    if (event.type === 'ticket.created') {
      if (!this.created) this.#create(event, at);
      return;
    }
    if (!this.created || (this.status === 'closed' && event.type !== 'ticket.deleted')) return;
    switch (event.type) {
      case 'message':
        if (event.public && event.author === 'customer') this.#customerWrote(event, at);
        if (event.public && event.author === 'agent') this.#agentReplied(event, at);
        break;
      case 'ticket.updated':
        this.#update(event, at);
        // Only an update changes fields, status or policy: new cycles start fully assigned.
        this.#refresh(at, event.id);
        break;
      case 'ticket.deleted':
        // Once per ticket: closed cycles are cancelled too.
        this.#cycles.changedAll();
        for (const cycle of this.#cycles.all) {
          cycle.stop(cycle.stoppedAt ?? at, this.fields, true);
          cycle.timeline?.push({
            at,
            kind: 'cancelled',
            detail: 'ticket deleted',
            eventId: event.id,
          });
        }
        this.deleted = true;
        break;
    }
  }

  #create(event: Extract<TicketEvent, { type: 'ticket.created' }>, at: number): void {
    this.created = true;
    this.fields = applyFields({}, event.fields);
    this.status = this.fields.status ?? 'new';
    this.fields = { ...this.fields, status: this.status };
    this.policy = selectPolicy(this.#context.policies, this.fields);
    if (isDone(this.status)) return;
    if (event.by !== 'agent') this.#start('first_response', at, event.id, 'ticket created');
    this.#start('resolution', at, event.id, 'ticket created');
  }

  #customerWrote(event: TicketEvent, at: number): void {
    const waiting = this.#cycles
      .open()
      .some((c) => c.isOpen && (c.metric === 'first_response' || c.metric === 'next_response'));
    if (!waiting) this.#start('next_response', at, event.id, 'customer wrote');
  }

  #agentReplied(event: TicketEvent, at: number): void {
    if (!isDone(this.status))
      this.#contact = { ...this.#contact, agentReplies: this.#contact.agentReplies + 1 };
    for (const cycle of this.#cycles.open()) {
      if (cycle.isOpen && cycle.metric !== 'resolution') {
        cycle.stop(at, this.fields);
        cycle.timeline?.push({
          at,
          kind: 'stopped',
          detail: 'public agent reply',
          eventId: event.id,
        });
      }
    }
    if (!isDone(this.status)) this.#start('periodic_update', at, event.id, 'public agent reply');
  }

  #update(event: Extract<TicketEvent, { type: 'ticket.updated' }>, at: number): void {
    const before = this.status;
    this.fields = applyFields(this.fields, event.fields);
    this.status = this.fields.status ?? before;
    this.policy = selectPolicy(this.#context.policies, this.fields);
    if (before === this.status) return;
    if (isDone(this.status) && !isDone(before))
      this.#contact = { ...this.#contact, resolvedAt: at, resolvedFields: this.fields };
    else if (before === 'solved' && !isDone(this.status))
      this.#contact = { ...this.#contact, reopened: true, resolvedAt: null, resolvedFields: null };
    if (isDone(this.status)) {
      for (const cycle of this.#cycles.open()) {
        if (!cycle.isOpen) continue;
        cycle.stop(at, this.fields);
        cycle.timeline?.push({
          at,
          kind: 'stopped',
          detail: `status ${this.status}`,
          eventId: event.id,
        });
      }
    } else if (before === 'solved') {
      this.#reopen(at, event.id);
    }
  }

  /** Solved to an open status: resume the last resolution cycle, or start a new one. */
  #reopen(at: number, eventId: string): void {
    const last = this.#cycles.lastResolution;
    if (
      (this.policy?.reopen ?? 'continue') === 'continue' &&
      last &&
      last.outcome !== 'cancelled'
    ) {
      last.resume();
      this.#cycles.reopened();
      last.timeline?.push({
        at,
        kind: 'reopened',
        detail: `ticket reopened (${this.status}): clock continues`,
        eventId,
      });
    } else {
      this.#start('resolution', at, eventId, `ticket reopened (${this.status})`);
    }
  }

  #start(metric: Metric, at: number, eventId: string, why: string): void {
    const cycle = new Cycle(metric, ++this.#numbers[metric], at, this.#context.trace);
    this.#assign(cycle);
    if (!this.#pauses(metric)) cycle.run(at);
    this.#cycles.add(cycle);
    const state = cycle.isRunning ? '' : `; paused while ${this.status}`;
    cycle.timeline?.push({
      at,
      kind: 'started',
      detail: `${why}${this.#describeTarget(cycle)}${state}`,
      eventId,
      dueAt: cycle.dueAt(at),
    });
  }

  #assign(cycle: Cycle, choice = this.#choose(cycle)): void {
    cycle.assign(this.policy, choice.target, choice.calendar, choice.terms);
  }

  #choose(cycle: Cycle) {
    return this.#context.targets.choose(this.policy, cycle.metric, this.fields, cycle.startedAt);
  }

  #describeTarget(cycle: Cycle): string {
    if (cycle.target === null) return '; no target: not measured';
    const terms = cycle.terms;
    const source = terms
      ? `contract ${terms.contract} version ${terms.version.version}`
      : `policy ${cycle.policy?.id}`;
    // The zone is news only where it comes from the ticket.
    const zone = cycle.calendar && this.#context.targets.isCustomerHours(cycle.calendar);
    return `; ${source}, target ${formatDuration(cycle.target)} in calendar ${cycle.calendar?.id}${zone ? ` (${cycle.calendar?.timezone})` : ''}`;
  }

  /** After every event: re-evaluate targets (retarget) and pauses of the open cycles. */
  #refresh(at: number, eventId: string): void {
    // Cycles a restart appends start with the current target: only the earlier ones need a look.
    for (const cycle of this.#cycles.open()) if (cycle.isOpen) this.#retarget(cycle, at, eventId);
    for (const cycle of this.#cycles.open()) {
      if (!cycle.isOpen) continue;
      const paused = this.#pauses(cycle.metric);
      if (paused && cycle.isRunning) {
        cycle.pause(at);
        cycle.timeline?.push({
          at,
          kind: 'paused',
          detail: `status ${this.status} pauses ${cycle.metric}`,
          eventId,
          dueAt: null,
        });
      } else if (!paused && !cycle.isRunning) {
        cycle.run(at);
        cycle.timeline?.push({
          at,
          kind: 'resumed',
          detail: `status ${this.status}`,
          eventId,
          dueAt: cycle.dueAt(at),
        });
      }
    }
  }

  #pauses(metric: Metric): boolean {
    return (this.policy?.pause ?? DEFAULT_PAUSE)[metric].includes(this.status);
  }

  #retarget(cycle: Cycle, at: number, eventId: string): void {
    const choice = this.#choose(cycle);
    const { target, calendar } = choice;
    if (target === cycle.target && calendar === cycle.calendar) {
      if (cycle.policy !== this.policy || cycle.terms !== choice.terms) this.#assign(cycle, choice);
      return;
    }
    if (this.policy?.retarget === 'restart' && cycle.target !== null && target !== null) {
      // A breach is never erased: a breached cycle stops as breached, others are cancelled.
      const breached = cycle.breachedAt !== null;
      cycle.stop(at, this.fields, !breached);
      cycle.timeline?.push({
        at,
        kind: breached ? 'stopped' : 'cancelled',
        detail: `policy ${this.policy.id} restarts on a new target`,
        eventId,
      });
      this.#start(cycle.metric, at, eventId, 'restarted on a new target');
      return;
    }
    this.#assign(cycle, choice);
    cycle.timeline?.push({
      at,
      kind: 'retargeted',
      detail: this.#describeTarget(cycle).slice(2),
      eventId,
      dueAt: cycle.dueAt(at),
    });
  }
}
