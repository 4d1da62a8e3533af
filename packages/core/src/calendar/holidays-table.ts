import { createRequire } from 'node:module';
import type { PublicHolidaysSpec } from './types.js';

// The public-holiday table the build writes beside the built module (holidays-data/, by
// packages/core/scripts/holidays-table.mjs): every country, state and region of date-holidays,
// the dates of their public holidays for a window of years, computed by the library itself.
// Reading one country's JSON costs about a millisecond; loading the library and computing three
// years costs about 2.5x a bare `node -e 0`, which `breachless calendar due` would pay for one
// answer. Like the library, the table is loaded through `require`, synchronously: it is part of
// the program, not the user's data.
const require = createRequire(import.meta.url);

/** `index.json`: what the table was computed from, its window, and the regions it lists. */
interface TableIndex {
  readonly dateHolidays: string;
  readonly parser: string;
  readonly first: number;
  readonly last: number;
  /** Country, then state, then that state's regions: the library's own lists. */
  readonly countries: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** `<country>.json`: per region key (see `regionKey`), one string per year of the window. */
type CountryTable = Readonly<Record<string, readonly string[]>>;

let index: TableIndex | null | undefined;
const countries = new Map<string, CountryTable>();

/** Loads a file of the table; `undefined` when it is not there (running from the sources). */
function load<T>(name: string): T | undefined {
  try {
    return require(`./holidays-data/${name}.json`) as T;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The table's index, or `null` when there is none or it was computed with another version of
 * date-holidays or its rules engine than the one installed now (then the library answers).
 */
export function holidayTable(): TableIndex | null {
  if (index === undefined) {
    const found = load<TableIndex>('index');
    index = null;
    if (found) {
      const library = require('date-holidays/package.json') as { version: string };
      const parser = createRequire(require.resolve('date-holidays'))(
        'date-holidays-parser/package.json',
      ) as { version: string };
      if (found.dateHolidays === library.version && found.parser === parser.version) index = found;
    }
  }
  return index;
}

/** Whether the table lists this country (and state/region): the same lists as the library's. */
export function tableKnows(table: TableIndex, spec: PublicHolidaysSpec): boolean {
  if (!Object.hasOwn(table.countries, spec.country)) return false;
  if (spec.state === undefined) return spec.region === undefined;
  const states = table.countries[spec.country] ?? {};
  if (!Object.hasOwn(states, spec.state)) return false;
  return spec.region === undefined || (states[spec.state] ?? []).includes(spec.region);
}

/**
 * The dates `PublicHolidays.datesOf` answers for `year`, from the table; `undefined` when the
 * table cannot say (no table, a year outside its window, a region it does not list).
 */
export function tableDates(spec: PublicHolidaysSpec, year: number): string[] | undefined {
  const table = holidayTable();
  if (!table || year < table.first || year > table.last || !tableKnows(table, spec)) return;
  let country = countries.get(spec.country);
  if (!country) {
    country = load<CountryTable>(spec.country);
    if (!country) return;
    countries.set(spec.country, country);
  }
  const line = country[regionKey(spec)]?.[year - table.first];
  if (line === undefined) return;
  if (line === '') return [];
  // A date of the year asked is stored as MM-DD, one of another year whole.
  return line.split(' ').map((date) => (date.length === 5 ? `${year}-${date}` : date));
}

/** `""` for a country, `"BY"` for a state, `"BY/A"` for a region of a state. */
function regionKey(spec: PublicHolidaysSpec): string {
  if (spec.state === undefined) return '';
  return spec.region === undefined ? spec.state : `${spec.state}/${spec.region}`;
}
