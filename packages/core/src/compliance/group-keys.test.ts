import { describe, expect, it } from 'vitest';
import { readGroupKeys } from './group-keys.js';

describe('readGroupKeys', () => {
  it('reads the keys in the order written, spaces around commas allowed', () => {
    expect(readGroupKeys('team, day,metric')).toEqual({
      keys: ['team', 'day', 'metric'],
      unknown: [],
    });
  });

  it('names every word that is no grouping, built-in property names included', () => {
    expect(readGroupKeys('day,colour,constructor,')).toEqual({
      keys: ['day'],
      unknown: ['colour', 'constructor', ''],
    });
  });

  it('reads no text and empty text as no grouping', () => {
    expect(readGroupKeys(undefined)).toEqual({ keys: [], unknown: [] });
    expect(readGroupKeys('')).toEqual({ keys: [], unknown: [] });
  });
});
