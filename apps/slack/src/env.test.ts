import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('readEnv', () => {
  it('reads a single-workspace HTTP setup with defaults', () => {
    const env = readEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_MANAGERS: 'U1, U2,',
    });
    expect(env).toMatchObject({ PORT: 3000, SLACK_MANAGERS: ['U1', 'U2'], LOG_LEVEL: 'info' });
  });

  it('takes OAuth credentials instead of a token, and Socket Mode instead of a signing secret', () => {
    const env = readEnv({
      SLACK_CLIENT_ID: 'c',
      SLACK_CLIENT_SECRET: 's',
      SLACK_STATE_SECRET: 'x',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(env.SLACK_APP_TOKEN).toBe('xapp-1');
  });

  it('names every problem at once', () => {
    expect(() =>
      readEnv({ PORT: 'eighty', SLACK_CLIENT_ID: 'c', SLACK_API_URL: 'not a url' }),
    ).toThrow(
      /PORT:[\s\S]*SLACK_API_URL:[\s\S]*SLACK_BOT_TOKEN: set SLACK_BOT_TOKEN \(one workspace\) or SLACK_CLIENT_ID[\s\S]*SLACK_SIGNING_SECRET: required in HTTP mode/,
    );
  });
});
