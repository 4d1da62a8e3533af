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
});
