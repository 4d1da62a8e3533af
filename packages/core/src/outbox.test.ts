import { describe, expect, it } from 'vitest';
import { formatDestination, NO_DESTINATION, parseDestination } from './outbox.js';

describe('destinations', () => {
  it('parse back to what was formatted, a Teams id with colons included', () => {
    for (const d of [
      { platform: 'slack', kind: 'channel', id: 'C123' },
      { platform: 'slack', kind: 'user', id: 'U9' },
      { platform: 'teams', kind: 'channel', id: '19:abc@thread.tacv2' },
    ] as const) {
      expect(parseDestination(formatDestination(d))).toEqual(d);
    }
    expect(formatDestination({ platform: 'console', kind: 'channel', id: 'ops' })).toBe(
      'console:channel:ops',
    );
  });

  it('refuses a text that names no destination', () => {
    for (const text of [
      NO_DESTINATION,
      'slack:C123',
      'slack:group:C1',
      ':channel:C1',
      'slack:user:',
    ])
      expect(() => parseDestination(text), text).toThrow(RangeError);
  });
});
