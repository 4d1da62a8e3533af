import type { BusinessCalendar } from '../calendar/types.js';
import type { Metric, Policy, WarningLevel } from '../config/types.js';
import type { ContractTerms } from '../contracts/target-choice.js';
import type { TicketFields } from '../events/types.js';
import { formatDuration } from '../time/duration.js';
import type { FiredLevel, TimelineEntry } from './types.js';

const BREACH: WarningLevel = { text: 'breach', kind: 'percent', value: 100 };
const ONLY_BREACH: readonly WarningLevel[] = [BREACH];
const levelsByPolicy = new WeakMap<Policy, readonly WarningLevel[]>();

/** A policy's warning levels in its order, then breach: computed once per policy. */
function levelsOf(policy: Policy | undefined): readonly WarningLevel[] {
  if (!policy) return ONLY_BREACH;
  let levels = levelsByPolicy.get(policy);
  if (!levels) {
    levels = [...policy.warnings, BREACH];
    levelsByPolicy.set(policy, levels);
  }
  return levels;
}

/** Seconds of elapsed business time at which a level is reached (semantics.md section 4). */
function thresholdOf(level: WarningLevel, target: number): number {
  if (level.kind === 'percent') return Math.ceil((target * level.value) / 100);
  return Math.max(0, target - level.value);
}

/**
 * One measurement of one metric on one ticket. Its clock is the list of periods it ran;
 * elapsed time is always measured in the calendar in force, so a retarget that keeps the
 * cycle re-measures it from its start (semantics.md section 5).
 */
export class Cycle {
  readonly metric: Metric;
  readonly number: number;
  readonly startedAt: number;
  stoppedAt: number | null = null;
  outcome: 'achieved' | 'breached' | 'cancelled' | null = null;
  #target: number | null = null;
  #calendar: BusinessCalendar | null = null;
  #policy: Policy | undefined;
  #terms: ContractTerms | null = null;
  /** Bumped on every change that can move a level's instant. */
  #version = 0;
  /** The earliest instant an unfired level is reached, valid while `#projectedVersion` matches. */
  #projectedAt = 0;
  #projectedVersion = -1;
  breachedAt: number | null = null;
  readonly fired: FiredLevel[] = [];
  /** Fields when the outcome was decided (breach or stop). */
  outcomeFields: TicketFields | null = null;
  readonly timeline: TimelineEntry[] | null;
  /** Closed running periods as flat `[start, end, ...]`. */
  #periods: number[] = [];
  #runningSince: number | null = null;
  /**
   * The closed periods' business seconds per calendar, and how many period bounds the sum
   * covers: a long cycle paused thousands of times adds only its new periods, even when a
   * retarget switches calendars back and forth.
   */
  #closed = new Map<BusinessCalendar, { seconds: number; count: number }>();

  constructor(metric: Metric, number: number, startedAt: number, trace: boolean) {
    this.metric = metric;
    this.number = number;
    this.startedAt = startedAt;
    this.timeline = trace ? [] : null;
  }

  get target(): number | null {
    return this.#target;
  }

  get calendar(): BusinessCalendar | null {
    return this.#calendar;
  }

  get policy(): Policy | undefined {
    return this.#policy;
  }

  /** The contract version whose target measures the cycle; `null` for the policy's. */
  get terms(): ContractTerms | null {
    return this.#terms;
  }

  /** Puts the cycle under a policy's (or contract's) target and calendar (at start, or on a retarget). */
  assign(
    policy: Policy | undefined,
    target: number | null,
    calendar: BusinessCalendar | null,
    terms: ContractTerms | null = null,
  ): void {
    this.#policy = policy;
    this.#terms = terms;
    this.#target = target;
    this.#calendar = calendar;
    this.#version++;
  }

  get isOpen(): boolean {
    return this.stoppedAt === null;
  }

  get isRunning(): boolean {
    return this.#runningSince !== null;
  }

  /** Elapsed business seconds at `at` in the calendar in force. */
  elapsedAt(at: number): number {
    const calendar = this.calendar;
    if (!calendar) return 0;
    let closed = this.#closed.get(calendar);
    if (!closed) {
      closed = { seconds: 0, count: 0 };
      this.#closed.set(calendar, closed);
    }
    // Periods are only ever appended, so summing on from `count` adds them in the same order
    // a sum from the start would.
    for (let i = closed.count; i < this.#periods.length; i += 2) {
      closed.seconds += calendar.between(
        this.#periods[i] as number,
        this.#periods[i + 1] as number,
      );
    }
    closed.count = this.#periods.length;
    const running = this.#runningSince === null ? 0 : calendar.between(this.#runningSince, at);
    return closed.seconds + running;
  }

  /**
   * An independent copy, so that a result at `now` can run the clock on without moving the
   * original, which stays at its ticket's last event for the next one to continue from.
   */
  copy(): Cycle {
    const copy = new Cycle(this.metric, this.number, this.startedAt, this.timeline !== null);
    copy.stoppedAt = this.stoppedAt;
    copy.outcome = this.outcome;
    copy.#target = this.#target;
    copy.#calendar = this.#calendar;
    copy.#policy = this.#policy;
    copy.#terms = this.#terms;
    copy.#version = this.#version;
    copy.#projectedAt = this.#projectedAt;
    copy.#projectedVersion = this.#projectedVersion;
    copy.breachedAt = this.breachedAt;
    copy.fired.push(...this.fired);
    copy.outcomeFields = this.outcomeFields;
    for (const entry of this.timeline ?? []) copy.timeline?.push(entry);
    copy.#periods = this.#periods.slice();
    copy.#runningSince = this.#runningSince;
    for (const [calendar, sum] of this.#closed) copy.#closed.set(calendar, { ...sum });
    return copy;
  }

  run(at: number): void {
    if (this.#runningSince === null) this.#runningSince = at;
    this.#version++;
  }

  pause(at: number): void {
    if (this.#runningSince === null) return;
    if (at > this.#runningSince) this.#periods.push(this.#runningSince, at);
    this.#runningSince = null;
    this.#version++;
  }

  /** Stops the clock for good: achieved, or breached when a breach already fired. */
  stop(at: number, fields: TicketFields, cancelled = false): void {
    this.pause(at);
    this.stoppedAt = at;
    if (cancelled) this.outcome = 'cancelled';
    else this.outcome = this.breachedAt === null ? 'achieved' : 'breached';
    if (this.outcome === 'achieved' || !this.outcomeFields) this.outcomeFields = fields;
  }

  /** Reopens a stopped cycle (`reopen: continue`): its achievement is withdrawn. */
  resume(): void {
    this.stoppedAt = null;
    this.outcome = null;
    if (this.breachedAt === null) this.outcomeFields = null;
  }

  hasFired(level: string): boolean {
    for (const f of this.fired) if (f.level === level) return true;
    return false;
  }

  /**
   * Fires every level the clock reaches strictly before `until`, with the state in force
   * since `from` (semantics.md section 6). Once breached, nothing fires any more.
   */
  advance(from: number, until: number, fields: TicketFields): void {
    const target = this.#target;
    const calendar = this.#calendar;
    const policy = this.#policy;
    if (until <= from || target === null || !calendar || this.breachedAt !== null || !this.isOpen)
      return;
    // Between events nothing changes but time: the earliest level's instant, computed once per
    // state, tells whether anything fires before `until` without an `add` per level per event.
    if (this.#projectedVersion !== this.#version) {
      this.#projectedAt = this.#earliestLevelAt(from, target, calendar);
      this.#projectedVersion = this.#version;
    }
    if (this.#projectedAt >= until) return;
    this.#version++;
    const elapsed = this.elapsedAt(from);
    const reached: { level: WarningLevel; at: number; order: number }[] = [];
    const levels = levelsOf(policy);
    for (let order = 0; order < levels.length; order++) {
      const level = levels[order] as WarningLevel;
      if (this.hasFired(level.text)) continue;
      const threshold = thresholdOf(level, target);
      let at: number;
      if (elapsed >= threshold) at = from;
      else if (this.isRunning) at = calendar.add(from, threshold - elapsed);
      else continue;
      if (at < until) reached.push({ level, at, order });
    }
    reached.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const { level, at } of reached) {
      this.fired.push({ level: level.text, at });
      if (level === BREACH) {
        this.breachedAt = at;
        this.outcomeFields = fields;
        this.timeline?.push({
          at,
          kind: 'breached',
          detail: `target ${formatDuration(target)} used up`,
        });
      } else {
        this.timeline?.push({ at, kind: 'warning', detail: `warning ${level.text} reached` });
      }
    }
  }

  /** The instant the first unfired level is reached, running from `from`; Infinity if never. */
  #earliestLevelAt(from: number, target: number, calendar: BusinessCalendar): number {
    let lowest = Number.POSITIVE_INFINITY;
    for (const level of levelsOf(this.#policy)) {
      if (!this.hasFired(level.text)) lowest = Math.min(lowest, thresholdOf(level, target));
    }
    const elapsed = this.elapsedAt(from);
    if (elapsed >= lowest) return from;
    if (!this.isRunning || lowest === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return calendar.add(from, lowest - elapsed);
  }

  /** The projected due instant at `at`, assuming no further pauses; `null` unless running. */
  dueAt(at: number): number | null {
    if (
      !this.isOpen ||
      !this.isRunning ||
      this.target === null ||
      !this.calendar ||
      this.breachedAt !== null
    )
      return null;
    const from = wholeSecond(at);
    return this.calendar.add(from, Math.max(0, this.target - this.elapsedAt(from)));
  }

  /** The next level to be reached if the cycle keeps running from `at`. */
  nextLevel(at: number): FiredLevel | null {
    if (this.dueAt(at) === null || this.target === null || !this.calendar) return null;
    const from = wholeSecond(at);
    const elapsed = this.elapsedAt(from);
    let next: FiredLevel | null = null;
    for (const level of levelsOf(this.policy)) {
      if (this.hasFired(level.text)) continue;
      const when = this.calendar.add(from, Math.max(0, thresholdOf(level, this.target) - elapsed));
      if (!next || when < next.at) next = { level: level.text, at: when };
    }
    return next;
  }
}

/**
 * Projections count from the whole second of the instant asked: elapsed time is whole seconds
 * and the clock starts on event instants, which are whole seconds, so the due instant and next
 * level are the same whenever they are asked. Counted from `at` itself they would carry its
 * fraction of a second, and every recompute would move (and the database rewrite, in every
 * index) a due instant that has not changed.
 */
function wholeSecond(at: number): number {
  return Math.floor(at / 1000) * 1000;
}
