import type { CalendarSpec } from '../src/calendar/types.js';

/** US federal holidays observed in 2026 and 2027: the same list for every implementation. */
export const HOLIDAYS = [
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-10-12',
  '2026-11-11',
  '2026-11-26',
  '2026-12-25',
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-10-11',
  '2027-11-11',
  '2027-11-25',
  '2027-12-24',
];

export const ZONE = 'America/New_York';

/** Mon-Fri 09:00-17:00 in New York with those holidays. */
export const OFFICE: CalendarSpec = {
  id: 'ny-office',
  timezone: ZONE,
  week: [0, 1, 2, 3, 4].map(() => [{ open: 540, close: 1020 }]).concat([[], []]),
  holidays: new Map(HOLIDAYS.map((d) => [d, []])),
};

/** Random whole-minute instants over 2026-2027 (DST included), from a seeded generator. */
export function instants(random: () => number, n: number): number[] {
  const from = Date.parse('2026-01-01T00:00:00Z') / 60_000;
  const span = 2 * 365 * 24 * 60;
  return Array.from({ length: n }, () => (from + Math.floor(random() * span)) * 60_000);
}
