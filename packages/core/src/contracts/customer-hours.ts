import { compileCalendar } from '../calendar/compile.js';
import type { BusinessCalendar, CalendarSpec } from '../calendar/types.js';
import type { TicketFields } from '../events/types.js';
import { isTimeZone } from '../time/zone.js';

/** A zone name as written (`europe/paris`) to the name the platform knows it by (`Europe/Paris`). */
const canonical = new Map<string, string>();

function canonicalZone(name: string): string {
  let known = canonical.get(name);
  if (known === undefined) {
    known = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    canonical.set(name, known);
  }
  return known;
}

/**
 * The zone a calendar's hours are read in for a ticket (docs/semantics.md, "The customer's
 * hours"): the ticket's field named by `timezoneFrom` when it holds an IANA zone, else the
 * calendar's own `timezone` (field missing, empty, not text, or not a zone). Zones are
 * compared by their canonical name, so `europe/paris` and `Europe/Paris` are one zone.
 */
export function customerZone(spec: CalendarSpec, fields: TicketFields): string {
  const from = spec.timezoneFrom;
  if (from === undefined) return canonicalZone(spec.timezone);
  const custom = fields.custom;
  const key = from.slice('custom.'.length);
  const value = custom !== undefined && Object.hasOwn(custom, key) ? custom[key] : undefined;
  const zone =
    typeof value === 'string' && value !== '' && isTimeZone(value) ? value : spec.timezone;
  return canonicalZone(zone);
}

/**
 * The calendars of a config as tickets read them: a fixed calendar is itself, a calendar of
 * the customer's hours is compiled once per zone its tickets bring (lazily: a calendar's
 * table is built on its first use), so cycles in one zone share one table.
 */
export class CalendarChoice {
  readonly #compiled: ReadonlyMap<string, BusinessCalendar>;
  readonly #specs = new Map<string, CalendarSpec>();
  readonly #byZone = new Map<string, Map<string, BusinessCalendar>>();
  readonly #customer = new WeakSet<BusinessCalendar>();

  constructor(specs: readonly CalendarSpec[], compiled: ReadonlyMap<string, BusinessCalendar>) {
    this.#compiled = compiled;
    for (const spec of specs) {
      const fixed = compiled.get(spec.id);
      if (spec.timezoneFrom === undefined || !fixed) continue;
      this.#specs.set(spec.id, spec);
      this.#customer.add(fixed);
    }
  }

  /** Whether a calendar reads its hours in the customer's zone (its fallback zone included). */
  isCustomerHours(calendar: BusinessCalendar): boolean {
    return this.#customer.has(calendar);
  }

  /** The calendar `id` for a ticket with `fields`; `null` for an id the config lacks. */
  calendarFor(id: string, fields: TicketFields): BusinessCalendar | null {
    const fixed = this.#compiled.get(id) ?? null;
    const spec = this.#specs.get(id);
    if (spec === undefined) return fixed;
    const zone = customerZone(spec, fields);
    if (zone === canonicalZone(spec.timezone)) return fixed;
    let zones = this.#byZone.get(id);
    if (zones === undefined) {
      zones = new Map();
      this.#byZone.set(id, zones);
    }
    let calendar = zones.get(zone);
    if (calendar === undefined) {
      calendar = compileCalendar({ ...spec, timezone: zone });
      zones.set(zone, calendar);
      this.#customer.add(calendar);
    }
    return calendar;
  }
}
