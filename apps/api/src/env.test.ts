import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('REQUEST_TIMEOUT_MS', () => {
  it('defaults to 30 s and refuses what is not a positive whole number of milliseconds', () => {
    expect(readEnv({}).REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(readEnv({ REQUEST_TIMEOUT_MS: '1500' }).REQUEST_TIMEOUT_MS).toBe(1500);
    for (const bad of ['0', '2.5', 'soon', String(2 ** 31)])
      expect(() => readEnv({ REQUEST_TIMEOUT_MS: bad })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});
