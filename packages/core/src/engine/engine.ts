import { compileCalendars } from '../calendar/compile.js';
import type { BusinessCalendar } from '../calendar/types.js';
import type { Config } from '../config/types.js';
import { TargetChoice } from '../contracts/target-choice.js';
import type { TicketEvent, TicketFields } from '../events/types.js';
import { applySorted, type Evaluation, TicketCheckpoint } from './checkpoint.js';
import { byTicket } from './order.js';
import { ticketResult } from './result.js';
import { type EngineContext, TicketMachine } from './ticket.js';
import type { TicketResult } from './types.js';

interface EvaluateOptions {
  /** Record every cycle's timeline (for explanations); off for bulk work. */
  readonly trace?: boolean;
}

/**
 * The SLA engine for one configuration. A ticket's state is a pure function of its events,
 * the policies, the calendars and `now`: late, duplicate and out-of-order events give the
 * same result as the same events delivered once and in order.
 */
export class Engine {
  readonly config: Config;
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  readonly #plain: EngineContext;
  readonly #traced: EngineContext;

  constructor(config: Config) {
    this.config = config;
    this.calendars = compileCalendars(config.calendars);
    this.#plain = {
      policies: config.policies,
      calendars: this.calendars,
      targets: new TargetChoice(config, this.calendars),
      trace: false,
    };
    this.#traced = { ...this.#plain, trace: true };
  }

  /**
   * Calendar `id` as a ticket with `fields` reads it, as its running cycles do: a calendar of
   * the customer's hours in the ticket's zone (docs/semantics.md), any other as configured;
   * `null` for an id the config lacks. For work after the cycle (breach reminders).
   */
  calendarFor(id: string, fields: TicketFields): BusinessCalendar | null {
    return this.#plain.targets.calendarFor(id, fields);
  }

  /**
   * Evaluates every ticket of one tenant's events at `now`; events after `now` are ignored.
   * Tickets come back sorted by id.
   */
  evaluate(
    events: Iterable<TicketEvent>,
    now: number,
    options: EvaluateOptions = {},
  ): TicketResult[] {
    const tickets = byTicket(events, now);
    // The default sort orders strings by code units, as `<` does: the ids are sorted once,
    // instead of the results through a comparator.
    return [...tickets.keys()]
      .sort()
      .map((ticket) =>
        this.evaluateSorted(ticket, tickets.get(ticket) as TicketEvent[], now, options),
      );
  }

  /** Evaluates one ticket from its events, already deduplicated and in `compareEvents` order. */
  evaluateSorted(
    ticket: string,
    events: readonly TicketEvent[],
    now: number,
    options: EvaluateOptions = {},
  ): TicketResult {
    const machine = new TicketMachine(ticket, options.trace ? this.#traced : this.#plain);
    applySorted(machine, events);
    machine.runUntil(now);
    return ticketResult(machine, now);
  }

  /**
   * Explains one ticket at `now`: its cycles, each with the timeline of what started, paused,
   * retargeted and stopped it, from its events as they come (any order, duplicates and
   * events after `now` dropped as `evaluate` drops them); `undefined` when the ticket has no
   * event up to `now`. The one path behind the API's ticket view and chat's `/sla ticket`.
   */
  explain(ticket: string, events: Iterable<TicketEvent>, now: number): TicketResult | undefined {
    const sorted = byTicket(events, now).get(ticket);
    return sorted && this.evaluateSorted(ticket, sorted, now, { trace: true });
  }

  /**
   * Evaluates one ticket from all its stored events, deduplicated and in `compareEvents`
   * order, with those after `now` (they take effect when their time comes); gives the result
   * `evaluateSorted` gives for the events up to `now`, and a checkpoint to continue from.
   */
  evaluateWithCheckpoint(ticket: string, events: readonly TicketEvent[], now: number): Evaluation {
    return TicketCheckpoint.evaluate(new TicketMachine(ticket, this.#plain), events, now);
  }

  /**
   * Continues a checkpoint of this engine with the events stored since, evaluating only
   * the cycles they can change: the result is the one a whole evaluation of all the events
   * gives, for those cycles. `undefined` when the events do not all come after the
   * checkpoint (or it was made by another engine, or already continued): evaluate the whole
   * ticket then.
   */
  continueFrom(
    checkpoint: TicketCheckpoint,
    fresh: readonly TicketEvent[],
    now: number,
  ): Evaluation | undefined {
    return checkpoint.continueWith(this.#plain, fresh, now);
  }
}
