import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('readEnv', () => {
  it('runs without an app id for local use', () => {
    expect(readEnv({})).toMatchObject({ MICROSOFT_APP_ID: '', PORT: 3978, TEAMS_MANAGERS: [] });
  });

  it('names every problem of a production registration', () => {
    expect(() =>
      readEnv({
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        TEAMS_MANAGERS: 'a,b',
      }),
    ).toThrow(/MICROSOFT_APP_PASSWORD: required[\s\S]*MICROSOFT_APP_TENANT_ID: required/);
    expect(() => readEnv({ PORT: 'x', MICROSOFT_APP_TYPE: 'Weird' })).toThrow(
      /PORT[\s\S]*MICROSOFT_APP_TYPE/,
    );
  });
});
