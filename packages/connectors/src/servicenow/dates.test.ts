import { daysInMonth, localToInstant } from '@breachless/core';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { dayFirstDates } from './dates.js';

describe('dayFirstDates', () => {
  it('reads day-first dates as UTC by default', () => {
    const read = dayFirstDates('UTC');
    expect(read('29/2/2016 04:40')).toBe(Date.parse('2016-02-29T04:40:00Z'));
    expect(read('5/3/2016 12:00')).toBe(Date.parse('2016-03-05T12:00:00Z'));
    expect(read('05/03/2016 7:05')).toBe(Date.parse('2016-03-05T07:05:00Z'));
  });

  it('reads wall-clock times in the given zone, across DST', () => {
    const read = dayFirstDates('Europe/Lisbon');
    expect(read('29/2/2016 04:40')).toBe(Date.parse('2016-02-29T04:40:00Z'));
    expect(read('1/4/2016 09:00')).toBe(Date.parse('2016-04-01T08:00:00Z'));
    // 27/3/2016 01:30 does not exist in Lisbon: the offset from before the gap applies.
    expect(read('27/3/2016 01:30')).toBe(Date.parse('2016-03-27T01:30:00Z'));
  });

  it('refuses dates that are malformed or do not exist', () => {
    const read = dayFirstDates('UTC');
    for (const text of [
      '?',
      '',
      '2016-02-29 04:40',
      '30/2/2016 04:40',
      '1/13/2016 00:00',
      '1/1/2016 24:00',
    ])
      expect(read(text)).toBeUndefined();
  });

  it('refuses an unknown zone', () => {
    expect(() => dayFirstDates('Mars/Olympus')).toThrow(ConnectorError);
  });

  it('reads any text as the regular expression it replaced did, in UTC and in a zone', () => {
    // The reader before it was written by hand, kept here as the reference.
    const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/;
    const reference = (text: string, zone?: IANAZone) => {
      const m = DAY_FIRST.exec(text);
      if (!m) return undefined;
      const [d, mo, y, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59) return;
      const wall = Date.UTC(y, mo - 1, d, h, mi);
      return zone === undefined ? wall : localToInstant(zone, wall);
    };
    const two = (min: number, max: number) =>
      fc
        .tuple(fc.integer({ min, max }), fc.boolean())
        .map(([n, pad]) => String(n).padStart(pad ? 2 : 1, '0'));
    /** A date of the log's form, right or nearly (days 29 to 31 of every month, hour 24...). */
    const date = fc.tuple(
      two(0, 32),
      fc.constant('/'),
      two(0, 13),
      fc.constant('/'),
      fc.integer({ min: 1999, max: 2030 }).map(String),
      fc.constant(' '),
      two(0, 25),
      fc.constant(':'),
      fc.integer({ min: 0, max: 61 }).map((n) => String(n).padStart(2, '0')),
    );
    /** One part replaced: a digit too many or too few, another separator, no digit at all. */
    const spoil = fc.tuple(
      fc.nat({ max: 8 }),
      fc.constantFrom('', '0', '00', '000', '001', '1', '01', '12345', '0016', 'x', '/', ' ', ':'),
    );
    const text = fc.oneof(
      date.map((parts) => parts.join('')),
      fc.tuple(date, spoil).map(([parts, [at, part]]) => parts.with(at, part).join('')),
      fc.string({ maxLength: 20 }),
    );
    const lisbon = dayFirstDates('Europe/Lisbon');
    const zone = IANAZone.create('Europe/Lisbon');
    fc.assert(
      fc.property(text, fc.constantFrom('', ' ', '0'), (t, tail) => {
        expect(dayFirstDates('UTC')(t + tail)).toBe(reference(t + tail));
        expect(lisbon(t + tail)).toBe(reference(t + tail, zone));
      }),
      { numRuns: 5000 },
    );
  });
});
