import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneOffsets } from '../src/time/zone-offsets.js';

// Zones whose offsets move in unusual ways: half-hour DST (Lord_Howe), a 2-hour DST
// (Troll), Ramadan suspensions (Casablanca), a skipped date (Apia, 2011), DST abolished
// (Sao_Paulo, Istanbul), odd fixed offsets (Kathmandu, Chatham), and the usual ones.
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Antarctica/Troll',
  'Africa/Casablanca',
  'Pacific/Apia',
  'America/Sao_Paulo',
  'Europe/Istanbul',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
];
const FROM = Date.UTC(1970, 0, 1);
const TO = Date.UTC(2060, 0, 1);
const WEEK = 7 * 86_400_000;
const luxonMs = (zone: IANAZone, at: number) => zone.offset(at) * 60_000;

describe('zone offsets, asked once a day', () => {
  it('agree with luxon at any instant of 1970-2059', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (name, at) => {
        const zone = IANAZone.create(name);
        expect(zoneOffsets(zone).offsetMs(at)).toBe(luxonMs(zone, at));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });

  it('agree with luxon on both sides of every transition, to the millisecond', () => {
    let transitions = 0;
    for (const name of ZONES) {
      const zone = IANAZone.create(name);
      const offsets = zoneOffsets(zone);
      // A week apart (a month-long suspension of DST is the shortest here), then each
      // transition is pinned by bisection.
      for (let at = Date.UTC(2008, 0, 1); at < Date.UTC(2030, 0, 1); at += WEEK) {
        if (luxonMs(zone, at) === luxonMs(zone, at + WEEK)) continue;
        let [low, high] = [at, at + WEEK];
        while (high - low > 1) {
          const mid = Math.floor((low + high) / 2);
          if (luxonMs(zone, mid) === luxonMs(zone, at)) low = mid;
          else high = mid;
        }
        transitions++;
        for (const t of [low - 1, low, high, high + 1])
          expect({ name, t, ms: offsets.offsetMs(t) }).toEqual({ name, t, ms: luxonMs(zone, t) });
      }
    }
    // Casablanca alone moved four times in most of these years.
    expect(transitions).toBeGreaterThan(150);
  });
});
