import Holidays from 'date-holidays';
import type { PublicHolidaysSpec } from './types.js';

/**
 * Local dates (`YYYY-MM-DD`) of the public holidays of one country/region, per year.
 * Only holidays of type `public` close the day: bank, school and observance days are
 * working days for most support teams.
 */
export class PublicHolidays {
  readonly #library: Holidays;
  readonly #byYear = new Map<number, readonly string[]>();

  constructor(spec: PublicHolidaysSpec) {
    this.#library = new Holidays(spec.country, spec.state ?? '', spec.region ?? '');
  }

  /** The local dates of the year's public holidays. */
  datesOf(year: number): readonly string[] {
    let dates = this.#byYear.get(year);
    if (!dates) {
      const list = this.#library.getHolidays(year) || [];
      dates = list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
      this.#byYear.set(year, dates);
    }
    return dates;
  }
}

/** Whether the holiday library knows this country (and state/region, when given). */
export function isKnownRegion(spec: PublicHolidaysSpec): boolean {
  const library = new Holidays();
  const countries = library.getCountries() ?? {};
  if (!(spec.country in countries)) return false;
  if (spec.state === undefined) return spec.region === undefined;
  const states = library.getStates(spec.country) ?? {};
  if (!(spec.state in states)) return false;
  if (spec.region === undefined) return true;
  const regions = library.getRegions(spec.country, spec.state) ?? {};
  return spec.region in regions;
}
