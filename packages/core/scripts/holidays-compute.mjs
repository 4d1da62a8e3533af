// Computes the public-holiday table (see holidays-table.mjs) with date-holidays itself, exactly
// as packages/core/src/calendar/holidays.ts asks it: one instance per country/state/region
// (`new Holidays(country, state ?? '', region ?? '')`), `getHolidays(year)`, the dates of the
// holidays of type `public`, in the library's order, duplicates kept.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** date-holidays' version and that of the rules engine it resolves. */
export function libraryVersions() {
  const dateHolidays = require('date-holidays/package.json').version;
  const parser = createRequire(require.resolve('date-holidays'))(
    'date-holidays-parser/package.json',
  ).version;
  return { dateHolidays, parser };
}

/**
 * Every country, state and region by the library's own lists, as `isKnownRegion` reads them:
 * `{ US: { AL: [], ... }, DE: { BY: ['A', 'AGS', ...] } }` (a country without states maps to {}).
 */
function regionsOf(library) {
  const countries = {};
  for (const country of Object.keys(library.getCountries() ?? {})) {
    const states = {};
    for (const state of Object.keys(library.getStates(country) ?? {}))
      states[state] = Object.keys(library.getRegions(country, state) ?? {});
    countries[country] = states;
  }
  return countries;
}

/**
 * What decides an instance's holidays: its parsed rules (with their names, which the library's
 * de-duplication compares), its time zone and its languages. Regions that inherit their state's
 * rules unchanged share one computation; the table still lists each of them.
 */
function rulesKey(instance) {
  const rules = Object.entries(instance.holidays).map(([rule, opts]) => [
    rule,
    JSON.stringify({ ...opts, fn: undefined }),
  ]);
  return JSON.stringify([rules, instance.getTimezones(), instance.getLanguages()]);
}

/**
 * Writes `index.json` (the window and the regions) and one `<country>.json` per country:
 * `{ "": [year lists], "<state>": [...], "<state>/<region>": [...] }`, each year's dates joined
 * by spaces, from `first` to `last`. The index carries the versions the table was computed
 * with, so that a table left from another version is not used.
 */
export function computeTable(dir, first, last) {
  const Holidays = require('date-holidays');
  const countries = regionsOf(new Holidays());
  const computed = new Map();
  const datesOf = (country, state, region) => {
    const instance = new Holidays(country, state ?? '', region ?? '');
    const key = rulesKey(instance);
    let years = computed.get(key);
    if (!years) {
      years = [];
      for (let year = first; year <= last; year++) {
        const list = instance.getHolidays(year) || [];
        // A date in the year asked is kept as MM-DD (about half the bytes); the odd one of
        // another year keeps its year.
        const prefix = `${year}-`;
        years.push(
          list
            .filter((h) => h.type === 'public')
            .map((h) => h.date.slice(0, 10))
            .map((date) => (date.startsWith(prefix) ? date.slice(prefix.length) : date))
            .join(' '),
        );
      }
      computed.set(key, years);
    }
    return years;
  };
  for (const [country, states] of Object.entries(countries)) {
    const table = { '': datesOf(country) };
    for (const [state, regions] of Object.entries(states)) {
      table[state] = datesOf(country, state);
      for (const region of regions) table[`${state}/${region}`] = datesOf(country, state, region);
    }
    writeFileSync(join(dir, `${country}.json`), JSON.stringify(table));
  }
  const versions = libraryVersions();
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ ...versions, first, last, countries }));
}
