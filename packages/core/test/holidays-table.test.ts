import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { describe, expect, it } from 'vitest';
import * as source from '../src/calendar/holidays.js';
import type * as TableModule from '../src/calendar/holidays-table.js';
import type { PublicHolidaysSpec } from '../src/calendar/types.js';
import type * as ConfigModule from '../src/config/index.js';
import { parseConfig } from '../src/config/parse.js';

// The table exists only in the build (packages/core/scripts/holidays-table.mjs writes it into
// dist/ after the modules), so this suite reads the built modules, which are the sources'
// JavaScript; turbo builds before testing. Run from the sources, the engine asks the library.
const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
const built = (await import(dist('calendar/holidays.js'))) as typeof source;
const { holidayTable } = (await import(dist('calendar/holidays-table.js'))) as typeof TableModule;
const { parseConfig: parseBuilt } = (await import(dist('config/index.js'))) as typeof ConfigModule;

const Holidays = createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;

/** The public-holiday dates of one year, asked of date-holidays itself as the engine asks it. */
function libraryDates(library: HolidaysClass, year: number): string[] {
  const list = library.getHolidays(year) || [];
  return list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
}

/** Every country, state and region date-holidays knows, by its own lists. */
function everyRegion(): PublicHolidaysSpec[] {
  const library = new Holidays();
  const specs: PublicHolidaysSpec[] = [];
  for (const country of Object.keys(library.getCountries() ?? {})) {
    specs.push({ country });
    for (const state of Object.keys(library.getStates(country) ?? {})) {
      specs.push({ country, state });
      for (const region of Object.keys(library.getRegions(country, state) ?? {}))
        specs.push({ country, state, region });
    }
  }
  return specs;
}

const table = holidayTable();
const specs = everyRegion();

describe('the build’s public-holiday table', () => {
  it('is there, for the installed date-holidays', () => {
    expect(table, 'no table in dist/: run `npm run build` in packages/core').not.toBeNull();
    expect(specs.length).toBeGreaterThan(600);
  });

  it('answers what date-holidays answers, for every country, state and region', () => {
    if (!table) throw new Error('no table in dist/');
    const span = table.last - table.first + 1;
    const differences: string[] = [];
    specs.forEach((spec, i) => {
      const fromTable = new built.PublicHolidays(spec);
      const library = new Holidays(spec.country, spec.state ?? '', spec.region ?? '');
      // Two years of the window each, moving with the region: every year is checked against
      // about 70 regions, and every region against two years (all of them would take minutes).
      const years = [table.first + (i % span), table.last - ((i * 7) % span)];
      // And one year on each side of the window, which the library answers.
      if (i % 50 === 0) years.push(table.first - 1, table.last + 1);
      for (const year of years) {
        const expected = libraryDates(library, year);
        const actual = fromTable.datesOf(year);
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          differences.push(`${Object.values(spec).join('/')} ${year}`);
      }
    });
    expect(differences).toEqual([]);
  });

  it('answers the years of the window with dates of the kind the library gives', () => {
    const us = new built.PublicHolidays({ country: 'US' });
    expect(us.datesOf(2026)).toContain('2026-11-26');
    expect(us.datesOf(2026).every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))).toBe(true);
  });
});

describe('public-holiday regions known by the table', () => {
  it('are every region the library lists', () => {
    const unknown = specs.filter((spec) => !built.isKnownRegion(spec));
    expect(unknown).toEqual([]);
  });

  it('refuse what the library refuses', () => {
    const refused: PublicHolidaysSpec[] = [
      { country: 'XX' },
      { country: 'us' },
      { country: 'constructor' },
      { country: 'toString' },
      { country: 'DE', state: 'XX' },
      { country: 'DE', state: 'toString' },
      { country: 'DE', state: '' },
      { country: 'DE', state: 'BY', region: 'XX' },
      { country: 'DE', state: 'BY', region: 'length' },
      { country: 'DE', region: 'A' },
      { country: 'US', state: 'LA', region: 'XX' },
    ];
    for (const spec of refused) {
      expect(source.isKnownRegion(spec), JSON.stringify(spec)).toBe(false);
      expect(built.isKnownRegion(spec), JSON.stringify(spec)).toBe(false);
    }
  });

  it('leave a config naming an unknown country refused with the same problem', () => {
    const config = {
      calendars: [
        { id: 'office', timezone: 'UTC', hours: '24x7', publicHolidays: { country: 'XX' } },
      ],
    };
    const problem = (parse: (value: unknown) => unknown) => {
      try {
        parse(config);
      } catch (error) {
        return JSON.stringify((error as { problems?: unknown }).problems);
      }
      return 'accepted';
    };
    expect(problem(parseBuilt)).toBe(problem(parseConfig));
    expect(problem(parseConfig)).toContain('"XX\\" is not a country/region the holiday library');
  });
});
