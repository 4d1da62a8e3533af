import { compileCalendar } from '../calendar/compile.js';
import type { BusinessCalendar, CalendarSpec } from '../calendar/types.js';
import type { TicketFields } from '../events/types.js';
import { isTimeZone } from '../time/zone.js';

/**
 * Zone names as tickets write them (`europe/paris`) to the name the platform knows the zone
 * by (`Europe/Paris`), or `null` for text that names no zone. Asked at every event of every
 * open cycle, and the zone library's own check costs a fraction of a millisecond, so each
 * text is asked once; the map is emptied past `MAX_NAMES`, as junk values could grow it.
 */
const canonical = new Map<string, string | null>();
const MAX_NAMES = 10_000;

function canonicalZone(name: string): string | null {
  let known = canonical.get(name);
  if (known === undefined) {
    known = isTimeZone(name)
      ? new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
      : null;
    if (canonical.size >= MAX_NAMES) canonical.clear();
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
  // A config's zone was validated: it always has a canonical name.
  const own = canonicalZone(spec.timezone) ?? spec.timezone;
  const from = spec.timezoneFrom;
  if (from === undefined) return own;
  const custom = fields.custom;
  const key = from.slice('custom.'.length);
  const value = custom !== undefined && Object.hasOwn(custom, key) ? custom[key] : undefined;
  if (typeof value !== 'string' || value === '') return own;
  return canonicalZone(value) ?? own;
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
    if (zone === (canonicalZone(spec.timezone) ?? spec.timezone)) return fixed;
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
