import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { holidayTable, tableDates, tableKnows } from './holidays-table.js';
import type { PublicHolidaysSpec } from './types.js';

// date-holidays carries the rules of every country (about 1 MB of code): most configs name
// no public holidays, and a command such as `breachless calendar due` must not pay for it. The
// build's table (holidays-table.ts) answers the years of its window without it; otherwise the
// library is loaded the first time a calendar with `publicHolidays` is validated or compiled,
// through its CommonJS build, which `require` loads synchronously: the engine's API stays
// synchronous. Loading code is not I/O on the user's data.
let holidaysClass: typeof Holidays | undefined;
// One instance answers every lookup: building one per calendar made large configs slow.
let library: Holidays | undefined;
// The same for each region's rules, shared by the calendars that name it. Only regions that
// passed `isKnownRegion` get here, so the map is bounded by the library's own lists.
const byRegion = new Map<string, Holidays>();

function holidaysLibrary(): typeof Holidays {
  holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return holidaysClass;
}

function libraryFor(spec: PublicHolidaysSpec): Holidays {
  const key = JSON.stringify([spec.country, spec.state ?? '', spec.region ?? '']);
  let rules = byRegion.get(key);
  if (!rules) {
    const Library = holidaysLibrary();
    rules = new Library(spec.country, spec.state ?? '', spec.region ?? '');
    byRegion.set(key, rules);
  }
  return rules;
}

/**
 * Local dates (`YYYY-MM-DD`) of the public holidays of one country/region, per year.
 * Only holidays of type `public` close the day: bank, school and observance days are
 * working days for most support teams.
 */
export class PublicHolidays {
  readonly #byYear = new Map<number, readonly string[]>();
  readonly #spec: PublicHolidaysSpec;
  // Built on the first year the table cannot answer, so that a table's years never load it.
  #library: Holidays | undefined;

  constructor(spec: PublicHolidaysSpec) {
    this.#spec = spec;
  }

  /** The local dates of the year's public holidays. */
  datesOf(year: number): readonly string[] {
    let dates = this.#byYear.get(year);
    if (!dates) {
      dates = tableDates(this.#spec, year);
      if (!dates) {
        this.#library ??= libraryFor(this.#spec);
        const list = this.#library.getHolidays(year) || [];
        dates = list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
      }
      this.#byYear.set(year, dates);
    }
    return dates;
  }
}

/**
 * Whether the holiday library knows this country (and state/region, when given), by its own
 * lists. `Object.hasOwn`: `constructor` or `toString` must not pass as a country.
 */
export function isKnownRegion(spec: PublicHolidaysSpec): boolean {
  // The table's lists are the library's, written at build time.
  const table = holidayTable();
  if (table) return tableKnows(table, spec);
  const Library = holidaysLibrary();
  library ??= new Library();
  const countries = library.getCountries() ?? {};
  if (!Object.hasOwn(countries, spec.country)) return false;
  if (spec.state === undefined) return spec.region === undefined;
  const states = library.getStates(spec.country) ?? {};
  if (!Object.hasOwn(states, spec.state)) return false;
  if (spec.region === undefined) return true;
  const regions = library.getRegions(spec.country, spec.state) ?? {};
  return Object.hasOwn(regions, spec.region);
}
