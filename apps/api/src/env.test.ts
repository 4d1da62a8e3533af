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

describe('BREACHLESS_MAX_WEBHOOK_BYTES and HEADERS_TIMEOUT_MS', () => {
  it('default to 512 KiB and 10 s, and refuse what is not a positive whole number', () => {
    const env = readEnv({});
    expect([env.BREACHLESS_MAX_WEBHOOK_BYTES, env.HEADERS_TIMEOUT_MS]).toEqual([
      512 * 1024,
      10_000,
    ]);
    expect(readEnv({ BREACHLESS_MAX_WEBHOOK_BYTES: '65536' }).BREACHLESS_MAX_WEBHOOK_BYTES).toBe(
      65_536,
    );
    for (const name of ['BREACHLESS_MAX_WEBHOOK_BYTES', 'HEADERS_TIMEOUT_MS'])
      for (const bad of ['0', '1.5', 'lots'])
        expect(() => readEnv({ [name]: bad })).toThrow(new RegExp(name));
  });
});

describe('Sign in with Slack', () => {
  it('takes the client id and secret together, and lists a lone one with the other problems', () => {
    const env = readEnv({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 's' });
    expect([env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET]).toEqual(['1.2', 's']);
    expect(readEnv({ SLACK_CLIENT_ID: '' }).SLACK_CLIENT_ID).toBeUndefined();
    expect(() => readEnv({ SLACK_CLIENT_ID: '1.2', BREACHLESS_CONSOLE_URL: 'nowhere' })).toThrow(
      /BREACHLESS_CONSOLE_URL: [\s\S]*SLACK_CLIENT_SECRET: Sign in with Slack needs/,
    );
  });
});
